import { z } from '@hono/zod-openapi';
import { MAX_TEXT } from '../../shared/profile.js';
import { IsoDateSchema, LangSchema } from './common.js';
import { matchOutcomeFields, RankedQuestionSchema } from './match.js';
import { ApiProfileSchema } from './profile.js';

// POST /v1/chat: the 罗i企 chatbot's turn. The profile it sends back is the one to
// send with the next message; `extracted` says what this message contributed.

export const ChatRequestSchema = z
  .object({
    message: z.string().max(MAX_TEXT).optional().openapi({
      description: 'Free Chinese or English text.',
      example: '我们是做无人机配送的，在粤海城T1，去年营收3000万',
    }),
    profile: ApiProfileSchema.optional().openapi({
      description: 'What is known so far (the previous reply’s profile).',
    }),
    asOf: IsoDateSchema.optional().openapi({
      description: 'Date the match is made for; default today in Asia/Shanghai.',
    }),
    lang: LangSchema.optional(),
  })
  .strict()
  .openapi('ChatRequest', {
    example: { message: '我们是做无人机配送的，在粤海城T1，去年营收3000万', lang: 'zh' },
  });

export const ExtractionSchema = z
  .object({
    field: z
      .string()
      .openapi({ description: 'Profile field path, e.g. `annualRevenueCny` or `industry.tracks`.' }),
    value: z.unknown().openapi({ description: 'The value merged into the profile.' }),
    text: z.string().openapi({ description: 'The words of the message it came from.' }),
  })
  .openapi('Extraction');

export const ChatResponseSchema = z
  .object({
    ...matchOutcomeFields,
    reply: z.string().openapi({ description: 'A short answer for a chat bubble (at most 200 characters).' }),
    profile: ApiProfileSchema.openapi({
      description:
        'What is known after this message (the given profile with what the message said merged in): send it with the next message.',
    }),
    extracted: z.array(ExtractionSchema),
    nextQuestion: RankedQuestionSchema.nullable().openapi({
      description: 'The single best question to ask next, or null.',
    }),
  })
  .strict()
  .openapi('ChatResponse');
