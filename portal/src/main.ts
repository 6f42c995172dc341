import type { MatchResult } from '../../shared/engine/types.js';
import { fill, type Lang } from '../../shared/i18n/index.js';
import type { Profile } from '../../shared/profile.js';
import { ApiError, api, asProfileProblem, type FieldProblem, NetworkError } from './api.js';
import { caseForm } from './case-form.js';
import { h, replaceChildren } from './dom.js';
import { caseLinkFromHash, followView } from './follow.js';
import { bound, onLanguage, setText, text } from './i18n.js';
import { type AnswerValue, profileForm } from './profile-form.js';
import { type Answer, describeAnswer, questionCard } from './question.js';
import { resultsView } from './results.js';
import type { PortalText } from './text.js';

// The self-check portal. Everything it knows comes from the public API
// (/v1/tracks, /v1/buildings, /v1/match, /v1/cases) and from the strings the
// portal route hands it (shared/i18n), so another portal can do the same.

const bootstrap = document.getElementById('portal-text');
if (!bootstrap?.textContent) throw new Error('portal text missing');
setText(JSON.parse(bootstrap.textContent) as PortalText);

/** Answers to next questions about fields the form does not show (e.g. registeredInLuohu). */
const extras = new Map<string, AnswerValue>();
const skipped = new Set<string>();
const chosen = new Set<string>();
let lastResult: MatchResult | undefined;
let matchSeq = 0;

function describeError(error: unknown): string {
  const e = text().portal.errors;
  if (error instanceof ApiError) {
    const parts = [
      error.problem.detail ?? error.problem.title ?? fill(e.unexpected, { status: error.status }),
    ];
    if (error.problem.requestId) parts.push(fill(e.requestId, { requestId: error.problem.requestId }));
    return parts.join(' ');
  }
  if (error instanceof NetworkError) return e.network;
  return fill(e.unexpected, { status: '?' });
}

function setPath(profile: Profile, path: string, value: AnswerValue): void {
  const [head, leaf] = path.split('.') as [string, string | undefined];
  const target = profile as Record<string, unknown>;
  if (leaf) target[head] = { ...((target[head] as object | undefined) ?? {}), [leaf]: value };
  else target[head] = value;
}

// ---- the parts -------------------------------------------------------------------

const generalError = h('div', { class: 'form-error', role: 'alert', hidden: true });
const extrasList = h('div', { id: 'answers', class: 'answers', tabindex: '-1' });
const form = profileForm(() => void runMatch('results'));
form.element.querySelector('.actions')?.before(extrasList, generalError);
const results = resultsView(chosen, () => cases.refreshChosen());
const cases = caseForm({
  profile: () => currentProfile(),
  policyIds: () => [...chosen],
  showProfileErrors: (problems) => showProblems(problems),
  describeError,
});
const follow = followView(describeError);

/** The profile to send, or undefined after showing why it cannot be read. */
function currentProfile(): Profile | undefined {
  form.clearErrors();
  generalError.hidden = true;
  const { profile, problems } = form.read();
  if (problems.length) {
    showProblems(problems);
    return undefined;
  }
  for (const [path, value] of extras) setPath(profile, path, value);
  return profile;
}

/** Shows problems (profile paths) under their fields; the rest in the general box. Returns the rest. */
function showProblems(problems: FieldProblem[]): FieldProblem[] {
  const unplaced = form.showErrors(problems);
  replaceChildren(
    generalError,
    h('p', {}, fill(text().portal.form.fixFields, { count: problems.length })),
    unplaced.length
      ? h(
          'ul',
          {},
          unplaced.map((p) => h('li', {}, p.message)),
        )
      : null,
  );
  generalError.hidden = false;
  return unplaced;
}

function renderExtras(): void {
  const t = text();
  if (!extras.size) {
    replaceChildren(extrasList);
    return;
  }
  replaceChildren(
    extrasList,
    h('p', { class: 'label' }, t.portal.question.answered),
    h(
      'ul',
      {},
      [...extras].map(([field, value]) =>
        h(
          'li',
          { 'data-field': field },
          h('span', {}, describeAnswer(field, value, t)),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-label': fill(t.portal.question.remove, {
                field: (t.fields as Record<string, string>)[field] ?? field,
              }),
              onclick: () => {
                extras.delete(field);
                skipped.delete(field);
                renderExtras();
                (
                  extrasList.querySelector('button') ??
                  form.element.querySelector<HTMLElement>('#match-button')
                )?.focus();
                if (lastResult) void runMatch('none');
              },
            },
            '×',
          ),
        ),
      ),
    ),
  );
}

function renderQuestion(): void {
  const result = lastResult;
  if (!result) {
    replaceChildren(results.questionSlot);
    return;
  }
  const next = result.nextQuestions.find((q) => !skipped.has(q.field));
  if (!next) {
    replaceChildren(
      results.questionSlot,
      result.nextQuestions.length ? null : h('p', { class: 'hint' }, text().portal.question.allAnswered),
    );
    return;
  }
  replaceChildren(
    results.questionSlot,
    questionCard(next, answer, () => {
      skipped.add(next.field);
      renderQuestion();
      focusQuestionOrResults();
    }),
  );
}

function focusQuestionOrResults(): void {
  (document.getElementById('next-question-heading') ?? results.heading).focus();
}

function answer(a: Answer): void {
  if (form.owns(a.field)) form.set(a.field, a.value);
  else extras.set(a.field, a.value);
  renderExtras();
  void runMatch('question');
}

async function runMatch(focus: 'results' | 'question' | 'none'): Promise<void> {
  const seq = ++matchSeq;
  const profile = currentProfile();
  if (!profile) return;
  results.status(text().portal.results.matching);
  results.element.setAttribute('aria-busy', 'true');
  try {
    const result = await api.match(profile, text().lang);
    if (seq !== matchSeq) return;
    lastResult = result;
    results.render(result);
    renderQuestion();
    form.setHasResults(true);
    cases.element.hidden = false;
    cases.refreshChosen();
    if (focus === 'results') results.heading.focus();
    else if (focus === 'question') focusQuestionOrResults();
  } catch (error) {
    if (seq !== matchSeq) return;
    if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
      showProblems(error.problem.errors.map(asProfileProblem));
    } else {
      replaceChildren(generalError, h('p', {}, describeError(error)));
      generalError.hidden = false;
    }
    if (lastResult) results.render(lastResult);
    else results.status(text().portal.results.empty);
  } finally {
    if (seq === matchSeq) results.element.removeAttribute('aria-busy');
  }
}

async function loadReferenceData(lang: Lang): Promise<void> {
  try {
    const [tracks, buildings] = await Promise.all([api.tracks(lang), api.buildings(lang)]);
    if (text().lang !== lang) return;
    form.setTracks(tracks);
    form.setBuildings(buildings);
  } catch (error) {
    replaceChildren(generalError, h('p', {}, describeError(error)));
    generalError.hidden = false;
  }
}

async function switchLanguage(): Promise<void> {
  const next: Lang = text().lang === 'zh' ? 'en' : 'zh';
  let nextText: PortalText;
  try {
    nextText = await api.text(next);
  } catch (error) {
    replaceChildren(generalError, h('p', {}, describeError(error)));
    generalError.hidden = false;
    return;
  }
  setText(nextText);
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  history.replaceState(history.state, '', url);
  renderExtras();
  follow.refresh();
  await loadReferenceData(next);
  if (lastResult) await runMatch('none');
  else results.status(text().portal.results.empty);
}

// ---- the page ---------------------------------------------------------------------

const langButton = h(
  'button',
  { type: 'button', id: 'lang-switch', class: 'lang', onclick: () => void switchLanguage() },
  bound((t) => t.portal.switchLanguage),
);
// The button names the other language in that language: lang="en" on "English".
onLanguage(() => langButton.setAttribute('lang', text().lang === 'zh' ? 'en' : 'zh-CN'));

const selfCheck = h(
  'div',
  { id: 'self-check', class: 'layout' },
  h('div', { class: 'form-column' }, form.element),
  h('div', { class: 'results-column' }, results.element, cases.element),
);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
replaceChildren(
  root,
  h(
    'a',
    { href: '#results-heading', class: 'skip' },
    bound((t) => t.portal.skipToResults),
  ),
  h(
    'header',
    { class: 'page-header' },
    h(
      'div',
      { class: 'header-inner' },
      h(
        'div',
        {},
        h(
          'h1',
          {},
          bound((t) => t.portal.title),
        ),
        h(
          'p',
          {},
          bound((t) => t.portal.subtitle),
        ),
      ),
      langButton,
    ),
  ),
  h('main', { id: 'main' }, selfCheck, follow.element),
  h(
    'footer',
    { class: 'page-footer' },
    h(
      'p',
      {},
      bound((t) => t.portal.footer.api),
      ' ',
      h(
        'a',
        { href: 'docs' },
        bound((t) => t.portal.footer.docs),
      ),
      ' · ',
      h('code', {}, 'GET /v1/tracks · GET /v1/buildings · POST /v1/match · POST /v1/cases'),
    ),
  ),
);
results.status(text().portal.results.empty);

function route(): void {
  const link = caseLinkFromHash(location.hash);
  selfCheck.hidden = link !== undefined;
  follow.element.hidden = link === undefined;
  if (link !== undefined) {
    void follow.show(link).then(() => document.getElementById('follow-heading')?.focus());
  }
}
window.addEventListener('hashchange', route);
route();
void loadReferenceData(text().lang);
