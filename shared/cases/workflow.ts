// The service center's workflow. A case moves forward one step at a time:
//   new → triaged → contacted → applying → approved | declined | withdrawn → closed
// A company may withdraw at any open stage (it can drop out before applying, not
// only after), and only a decided case (approved, declined, withdrawn) is closed.
// A closed case is final: a new request is a new case. Moving to the status a
// case already has is not a transition.

export const CASE_STATUSES = [
  'new',
  'triaged',
  'contacted',
  'applying',
  'approved',
  'declined',
  'withdrawn',
  'closed',
] as const;
type Status = (typeof CASE_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  new: ['triaged', 'withdrawn'],
  triaged: ['contacted', 'withdrawn'],
  contacted: ['applying', 'withdrawn'],
  applying: ['approved', 'declined', 'withdrawn'],
  approved: ['closed'],
  declined: ['closed'],
  withdrawn: ['closed'],
  closed: [],
};

export const INITIAL_STATUS: Status = 'new';

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}
