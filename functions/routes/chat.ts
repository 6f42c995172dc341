import { extractFromMessage, mergeProfile } from '../../shared/chat/extract.js';
import type { Lexicon } from '../../shared/chat/lexicon.js';
import { composeReply } from '../../shared/chat/reply.js';
import { match } from '../../shared/engine/index.js';
import { ProfileSchema } from '../../shared/profile.js';
import type { RouteGroup } from '../http/env.js';
import { apiRoute } from '../http/route.js';
import { ChatRequestSchema, ChatResponseSchema } from '../schemas/chat.js';

// One 罗i企 turn: read what the message says about the company, merge it into
// the profile so far (what the message says wins), match, and answer in a bubble.

/** `lexicon` is called on every chat request: a getter that loads on first use should remember what it loaded. */
export function chatRoutes(lexicon: () => Lexicon): RouteGroup {
  return (app, { catalog, today }) => {
    const context = () => ({
      buildings: catalog.catalog.buildings,
      subdistricts: catalog.catalog.subdistricts,
      lexicon: lexicon(),
    });
    app.openapi(
      apiRoute({
        method: 'post',
        path: '/v1/chat',
        tags: ['Matching'],
        summary: 'A chatbot turn: free Chinese or English text in, a short reply and the match out',
        request: { body: { required: true, content: { 'application/json': { schema: ChatRequestSchema } } } },
        responses: {
          200: {
            description: 'The reply, the merged profile, what was extracted, and the match.',
            content: { 'application/json': { schema: ChatResponseSchema } },
          },
        },
      }),
      (c) => {
        const { message, profile = {}, asOf = today() } = c.req.valid('json');
        const lang = c.get('lang');
        const read = message ? extractFromMessage(message, context()) : { profile: {}, extracted: [] };
        // The extractor's output is checked like a client's: a bad value is our bug, and fails loudly (500).
        const merged = ProfileSchema.parse(mergeProfile(profile, read.profile));
        const result = match(catalog, merged, { asOf, lang });
        // What the engine understood, less what it resolved from the catalog: the
        // chatbot sends this profile back, and the request profile has no such fields.
        const { buildingId, buildingName, buildingTracks, ...understood } = result.profile;
        return c.json(
          {
            catalogVersion: result.catalogVersion,
            engineVersion: result.engineVersion,
            asOf: result.asOf,
            lang: result.lang,
            reply: composeReply(result, read.extracted, lang),
            profile: understood,
            extracted: read.extracted,
            warnings: result.warnings,
            results: result.results,
            nextQuestion: result.nextQuestions[0] ?? null,
          },
          200,
        );
      },
    );
  };
}
