// The events live with the other UI bits both elements share (src/ui/events.ts); this path stays
// for the published types (dist/element/events.d.ts).
export * from '../ui/events.js';
