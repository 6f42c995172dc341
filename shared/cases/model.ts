import { z } from 'zod';
import type { MatchResult } from '../engine/types.js';
import { LANGS } from '../i18n/index.js';
import { MAX_ITEMS, MAX_NAME, MAX_TEXT, ProfileSchema } from '../profile.js';
import { CASE_STATUSES } from './workflow.js';

// A case of the Enterprise Service Center (企业服务中心): a company's request to be
// helped with the measures it matched, worked by the lead department to a close.
// Field names follow docs/api-contract.md ("Cases"); additions are allowed, renames are not.

export const CaseStatusSchema = z.enum(CASE_STATUSES);

export const ContactSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'digits, spaces, +, -, ( )')
      .optional(),
    email: z.email().max(254).optional(),
  })
  .strict();
export type Contact = z.infer<typeof ContactSchema>;

export const PolicyIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a policy id')
  .max(128);

export const CreateCaseRequestSchema = z
  .object({
    profile: ProfileSchema,
    /** The measures the company wants help with; the case is routed by these when given. */
    policyIds: z.array(PolicyIdSchema).max(MAX_ITEMS).optional(),
    contact: ContactSchema,
    note: z.string().trim().max(MAX_TEXT).optional(),
    /** Language of the match snapshot's text (and of a replay of it). */
    lang: z.enum(LANGS).optional(),
  })
  .strict();
export type CreateCaseRequest = z.infer<typeof CreateCaseRequestSchema>;

export const UpdateCaseRequestSchema = z
  .object({
    status: CaseStatusSchema.optional(),
    /** Staff member working the case; null hands it back to the department. */
    assignee: z.string().trim().min(1).max(MAX_NAME).nullable().optional(),
    note: z.string().trim().min(1).max(MAX_TEXT).optional(),
  })
  .strict()
  .refine((u) => u.status !== undefined || u.assignee !== undefined || u.note !== undefined, {
    message: 'give at least one of status, assignee, note',
  });
export type UpdateCaseRequest = z.infer<typeof UpdateCaseRequestSchema>;

export const ListCasesQuerySchema = z
  .object({
    status: CaseStatusSchema.optional(),
    department: z.string().trim().min(2).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(512).optional(),
  })
  .strict();
export type ListCasesQuery = z.infer<typeof ListCasesQuerySchema>;

export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Who did something to a case, as the history records it. */
export interface Actor {
  role: 'company' | 'staff' | 'admin';
  /** Staff user id; absent for companies, which are anonymous until contacted. */
  sub?: string;
  department?: string;
}

/** The part of a case that changes; every change records the state it leads to. */
export interface CaseState {
  status: CaseStatus;
  assignee: string | null;
  updatedAt: string;
}

/** One entry of the append-only history. `seq` equals the case version it produced. */
export interface HistoryEntry {
  seq: number;
  at: string;
  by: Actor;
  /** null for the entry that opened the case. */
  from: CaseStatus | null;
  to: CaseStatus;
  assignee?: { from: string | null; to: string | null };
  note?: string;
  /** The case state after this entry; lets a reader finish a change whose writer crashed. */
  state: CaseState;
}

/** The match the case was decided with: enough to replay it. */
export type MatchSnapshot = Pick<
  MatchResult,
  'catalogVersion' | 'engineVersion' | 'asOf' | 'lang' | 'profile' | 'warnings' | 'results'
>;

/** A case as stored. The access token exists only as its SHA-256. */
export interface Case extends CaseState {
  id: string;
  version: number;
  department: string;
  profile: CreateCaseRequest['profile'];
  policyIds: string[];
  contact: Contact;
  note?: string;
  createdAt: string;
  accessTokenHash: string;
}

/** A case with everything recorded about it. */
export interface CaseRecord {
  case: Case;
  history: HistoryEntry[];
  match: MatchSnapshot;
}

/** What a case list shows: no profile, contact or snapshot. */
export type CaseSummary = Pick<
  Case,
  'id' | 'status' | 'department' | 'assignee' | 'createdAt' | 'updatedAt' | 'version'
> & { companyName?: string };
