import type { ClauseResult, MatchResult, Outcome } from '../../shared/engine/types.js';
import { fill } from '../../shared/i18n/index.js';
import { h, replaceChildren } from './dom.js';
import { bound, text } from './i18n.js';
import type { PortalText } from './text.js';

// The results of one match, grouped 符合 / 需补充信息 / 暂不符合 in the API's
// order (in force before expired). Each clause shows its benefit, lead
// department, validity (the plan period, visibly marked when it has ended),
// the condition-by-condition explanation, the gap, and the source on demand.

const GROUPS: readonly Outcome[] = ['eligible', 'needs_info', 'ineligible'];
const FIRST_PAGE = 10;
const NEXT_PAGE = 20;
const MARKS = { met: '✓', not_met: '✗', unknown: '?' } as const;

export interface ResultsView {
  element: HTMLElement;
  /** Where the next question goes: above the groups, below the summary. */
  questionSlot: HTMLElement;
  heading: HTMLElement;
  render(result: MatchResult): void;
  status(message: string): void;
}

export function resultsView(chosen: Set<string>, onChosenChange: () => void): ResultsView {
  const heading = h(
    'h2',
    { id: 'results-heading', tabindex: '-1' },
    bound((t) => t.portal.results.heading),
  );
  const statusLine = h('p', { id: 'results-status', role: 'status', class: 'status' });
  const questionSlot = h('div', { id: 'question-slot' });
  const body = h('div', { id: 'results-body' });
  const element = h(
    'section',
    { id: 'results', 'aria-labelledby': 'results-heading' },
    heading,
    statusLine,
    questionSlot,
    body,
  );

  function card(r: ClauseResult, t: PortalText): HTMLElement {
    const p = t.portal.results;
    const titleId = `clause-${r.policyId}-title`;
    const choose =
      r.outcome === 'ineligible'
        ? null
        : h(
            'label',
            { class: 'check choose' },
            h('input', {
              type: 'checkbox',
              'data-choose': r.policyId,
              checked: chosen.has(r.policyId),
              onchange: (e) => {
                if ((e.target as HTMLInputElement).checked) chosen.add(r.policyId);
                else chosen.delete(r.policyId);
                onChosenChange();
              },
            }),
            h('span', {}, p.choose),
          );
    return h(
      'li',
      {
        class: `clause ${r.outcome} ${r.validity}`,
        'data-policy-id': r.policyId,
        'aria-labelledby': titleId,
      },
      h('h4', { id: titleId, tabindex: '-1' }, r.title),
      h(
        'p',
        { class: 'badges' },
        h('span', { class: `badge validity ${r.validity}`, 'data-validity': r.validity }, r.validityLabel),
        h('span', { class: 'badge kind' }, r.benefit.kindLabel),
      ),
      h('p', { class: 'summary' }, r.summary),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, p.benefit),
        h('dd', {}, r.benefit.description),
        h('dt', {}, p.standard),
        h('dd', {}, r.benefit.amountText),
        h('dt', {}, p.leadDepartment),
        h('dd', {}, r.leadDepartmentLabels.join(t.listSeparator) || p.leadDepartmentUnknown),
      ),
      h('p', { class: 'label' }, p.criteria),
      h(
        'ul',
        { class: 'criteria' },
        r.criteria.map((c) =>
          h(
            'li',
            { class: c.outcome, 'data-field': c.field },
            h('span', { class: 'mark', 'aria-hidden': 'true' }, MARKS[c.outcome]),
            h('span', {}, c.explanation),
          ),
        ),
      ),
      r.gaps.length
        ? [
            h('p', { class: 'label' }, p.gaps),
            h(
              'ul',
              { class: 'gaps' },
              r.gaps.map((g) => h('li', { 'data-field': g.field }, g.explanation)),
            ),
          ]
        : null,
      h(
        'details',
        { class: 'source' },
        h('summary', {}, p.source),
        // The quote is the plan's own words, in Chinese whatever the page language.
        h('blockquote', { lang: 'zh-CN' }, r.source.quote),
        h(
          'p',
          { class: 'cite' },
          fill(p.sourceCitation, {
            title: r.source.title,
            section: r.source.section,
            document: r.source.document,
          }),
        ),
      ),
      choose,
    );
  }

  function group(outcome: Outcome, items: ClauseResult[], t: PortalText): HTMLElement {
    const p = t.portal.results;
    const headingId = `group-${outcome}-heading`;
    const list = h('ol', { class: 'clauses' });
    let shown = 0;
    const more = h('button', { type: 'button', class: 'secondary more' });
    const showNext = (count: number) => {
      const next = items.slice(shown, shown + count);
      list.append(...next.map((r) => card(r, t)));
      shown += next.length;
      const rest = items.length - shown;
      more.hidden = rest === 0;
      more.textContent = fill(p.showMore, { count: Math.min(rest, NEXT_PAGE) });
      return next;
    };
    more.addEventListener('click', () => {
      const added = showNext(NEXT_PAGE);
      // Keyboard users continue where the new items start.
      list
        .querySelector<HTMLElement>(`[data-policy-id="${CSS.escape(added[0]?.policyId ?? '')}"] h4`)
        ?.focus();
    });
    showNext(FIRST_PAGE);
    return h(
      'section',
      { class: `group ${outcome}`, 'data-outcome': outcome, 'aria-labelledby': headingId },
      h('h3', { id: headingId }, p.groups[outcome], ' ', h('span', { class: 'count' }, `(${items.length})`)),
      h('p', { class: 'hint' }, p.groupHints[outcome]),
      items.length ? list : h('p', { class: 'empty' }, p.groupEmpty),
      more,
    );
  }

  return {
    element,
    questionSlot,
    heading,
    status(message) {
      statusLine.textContent = message;
    },
    render(result) {
      const t = text();
      const p = t.portal.results;
      statusLine.textContent = fill(p.summary, {
        asOf: result.asOf,
        total: result.results.length,
        eligible: result.counts.eligible,
        needs_info: result.counts.needs_info,
        ineligible: result.counts.ineligible,
      });
      const expired = result.results.filter((r) => r.validity === 'expired').length;
      replaceChildren(
        body,
        result.warnings.length
          ? h(
              'div',
              { class: 'notice warnings', role: 'note' },
              h('p', { class: 'label' }, p.warnings),
              h(
                'ul',
                {},
                result.warnings.map((w) => h('li', { 'data-field': w.field }, w.message)),
              ),
            )
          : null,
        expired ? h('p', { class: 'notice expired-banner' }, fill(p.expiredBanner, { expired })) : null,
        h('p', { class: 'disclaimer' }, p.disclaimer),
        GROUPS.map((outcome) =>
          group(
            outcome,
            result.results.filter((r) => r.outcome === outcome),
            t,
          ),
        ),
      );
    },
  };
}
