export interface CapacityAgent {
  user: string;
  password: string;
}

/** The simulated agents' accounts of the capacity measurement: the same list in both processes. */
export function capacityAgents(count: number): CapacityAgent[] {
  return Array.from({ length: count }, (_, i) => ({ user: `3${String(i).padStart(8, '0')}`, password: `bench${i}` }));
}
