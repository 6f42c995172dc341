import type { RankedQuestion } from '../../shared/engine/types.js';
import { FIELDS } from '../../shared/fields.js';
import { fill } from '../../shared/i18n/index.js';
import { h, uniqueId } from './dom.js';
import { text } from './i18n.js';
import { formatNumber, parseNumber, wanToYuan } from './numbers.js';
import type { AnswerValue } from './profile-form.js';
import type { PortalText } from './text.js';

// The best next question (nextQuestions[0] of the last match), answerable in
// place: the answer goes into the profile and the page matches again, without
// a reload.

export interface Answer {
  field: string;
  value: AnswerValue;
}

type Control =
  | { kind: 'single'; inputs: HTMLInputElement[] }
  | { kind: 'multi'; inputs: HTMLInputElement[]; none: HTMLInputElement }
  | { kind: 'number'; input: HTMLInputElement; money: boolean }
  | { kind: 'text'; input: HTMLInputElement };

function fieldKind(field: string): string | undefined {
  return (FIELDS as Record<string, { kind: string } | undefined>)[field]?.kind;
}

function isMoney(field: string): boolean {
  return Boolean((FIELDS as Record<string, { money?: boolean } | undefined>)[field]?.money);
}

function controlFor(
  q: RankedQuestion,
  t: PortalText,
  describedBy: string,
): { control: Control; element: HTMLElement } {
  const kind = fieldKind(q.field);
  const name = uniqueId('nq');
  if (q.options?.length) {
    const multi = kind === 'set';
    const inputs = q.options.map((o) =>
      h('input', { type: multi ? 'checkbox' : 'radio', name, value: o.value }),
    );
    const labels = q.options.map((o, i) =>
      h('label', { class: 'check' }, inputs[i] as HTMLInputElement, h('span', {}, o.label)),
    );
    const fieldset = (extra: HTMLElement | null) =>
      h(
        'fieldset',
        { class: 'checks', 'aria-describedby': describedBy },
        h('legend', { class: 'question' }, q.question),
        h('div', { class: 'check-grid' }, labels, extra),
      );
    if (!multi) return { control: { kind: 'single', inputs }, element: fieldset(null) };
    const none = h('input', { type: 'checkbox', name, value: '', 'data-none': 'true' });
    none.addEventListener('change', () => {
      if (none.checked) for (const i of inputs) i.checked = false;
    });
    for (const i of inputs)
      i.addEventListener('change', () => {
        if (i.checked) none.checked = false;
      });
    return {
      control: { kind: 'multi', inputs, none },
      element: fieldset(h('label', { class: 'check' }, none, h('span', {}, t.portal.question.none))),
    };
  }
  const id = uniqueId('nq-input');
  const labelled = (input: HTMLInputElement, after: HTMLElement | null, hint: string | null) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id, class: 'question' }, q.question),
      hint ? h('p', { class: 'hint' }, hint) : null,
      after ?? input,
    );
  if (kind === 'number') {
    const money = isMoney(q.field);
    const input = h('input', {
      id,
      type: 'text',
      inputmode: money ? 'decimal' : 'numeric',
      autocomplete: 'off',
      'aria-describedby': describedBy,
    });
    const unit = money ? t.portal.form.unitWan : t.portal.form.unitPeople;
    return {
      control: { kind: 'number', input, money },
      element: labelled(
        input,
        h('div', { class: 'with-unit' }, input, h('span', { class: 'unit' }, unit)),
        null,
      ),
    };
  }
  const input = h('input', {
    id,
    type: 'text',
    autocomplete: 'off',
    maxlength: 200,
    'aria-describedby': describedBy,
  });
  return {
    control: { kind: 'text', input },
    element: labelled(input, null, kind === 'code' ? t.portal.question.codeHint : null),
  };
}

/** The answer the control holds, or the message saying why there is none. */
function readAnswer(q: RankedQuestion, control: Control, t: PortalText): Answer | string {
  const { field } = q;
  switch (control.kind) {
    case 'single': {
      const picked = control.inputs.find((i) => i.checked)?.value;
      if (picked === undefined) return t.portal.question.required;
      return { field, value: fieldKind(field) === 'boolean' ? picked === 'true' : picked };
    }
    case 'multi': {
      const picked = control.inputs.filter((i) => i.checked).map((i) => i.value);
      if (!picked.length && !control.none.checked) return t.portal.question.required;
      return { field, value: picked };
    }
    case 'number': {
      const n = parseNumber(control.input.value);
      if (n === undefined) return t.portal.question.required;
      if (Number.isNaN(n)) return t.portal.form.notANumber;
      return { field, value: control.money ? wanToYuan(n) : n };
    }
    case 'text': {
      const value = control.input.value.trim();
      return value ? { field, value } : t.portal.question.required;
    }
  }
}

export function questionCard(
  q: RankedQuestion,
  onAnswer: (answer: Answer) => void,
  onSkip: () => void,
): HTMLElement {
  const t = text();
  const errorId = uniqueId('nq-error');
  const hintId = uniqueId('nq-hint');
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  const { control, element } = controlFor(q, t, `${hintId} ${errorId}`);
  const first = () =>
    control.kind === 'single' || control.kind === 'multi' ? control.inputs[0] : control.input;
  return h(
    'section',
    { class: 'next-question', 'data-field': q.field, 'aria-labelledby': 'next-question-heading' },
    h('h3', { id: 'next-question-heading', tabindex: '-1' }, t.portal.question.heading),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (e) => {
          e.preventDefault();
          const answer = readAnswer(q, control, t);
          if (typeof answer === 'string') {
            error.textContent = answer;
            error.hidden = false;
            first()?.focus();
          } else onAnswer(answer);
        },
      },
      element,
      h('p', { id: hintId, class: 'hint' }, fill(t.portal.question.resolves, { count: q.resolves })),
      error,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, t.portal.question.apply),
        h('button', { type: 'button', class: 'secondary', onclick: onSkip }, t.portal.question.skip),
      ),
    ),
  );
}

/** How an answer kept outside the form reads in the "your other answers" list. */
export function describeAnswer(field: string, value: AnswerValue, t: PortalText): string {
  const label = (t.fields as Record<string, string>)[field] ?? field;
  let shown: string;
  if (typeof value === 'boolean') shown = t.options.boolean[String(value) as 'true' | 'false'];
  else if (typeof value === 'number')
    shown = isMoney(field)
      ? fill(t.portal.question.yuan, { amount: formatNumber(value, t.lang) })
      : formatNumber(value, t.lang);
  else if (Array.isArray(value)) shown = value.join(t.listSeparator) || t.portal.question.none;
  else shown = String(value);
  return fill(t.portal.question.answerLine, { field: label, value: shown });
}
