export { SharedSession, Role, type SharedSessionOptions } from './shared-session.js';
export { createElection, LockElection, LeaseElection, SoloElection, type Election } from './election.js';
export { tabKey } from './account-key.js';
