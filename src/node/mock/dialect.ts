/** How the mock may speak: the ways the real server writes the same thing (docs/800ing-api.md §7.1). No imports: every module may take it. */
export const HangupStatus = { Poll: 2, Recv: 3 } as const;
export type HangupStatus = (typeof HangupStatus)[keyof typeof HangupStatus];

export const PollCursor = { Line: 'line', Account: 'account' } as const;
export type PollCursor = (typeof PollCursor)[keyof typeof PollCursor];

/** How the mock writes what the real server may write in several ways (docs/800ing-api.md §7.1). */
export interface MockDialect {
  noRecord: boolean;
  stringCodes: boolean;
  hangupStatus: HangupStatus | undefined;
  pollCursor: PollCursor;
  waterLineParam: boolean;
}
