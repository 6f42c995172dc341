import { fill, type Lang } from '../../shared/i18n/index.js';
import type { Profile } from '../../shared/profile.js';
import {
  ApiError,
  api,
  asProfileProblem,
  type CaseRequest,
  type CreatedCase,
  type FieldProblem,
} from './api.js';
import { h, replaceChildren } from './dom.js';
import { bound, onLanguage, text } from './i18n.js';
import type { PortalText } from './text.js';

// "提交给企业服务中心": contact details → POST /v1/cases. One Idempotency-Key per
// submission attempt: the key is made when a request body is first sent and
// kept for as long as the body stays the same, so a double click, or a retry
// after a lost response, returns the same case instead of opening a second one.

export interface CaseFormDeps {
  /** The profile as the form holds it, or undefined when the form first has to show a problem. */
  profile(): Profile | undefined;
  policyIds(): string[];
  /** Shows problems about `profile.*` paths (given without the prefix); returns those it could not place. */
  showProfileErrors(problems: FieldProblem[]): FieldProblem[];
  describeError(error: unknown): string;
}

export interface CaseForm {
  element: HTMLElement;
  refreshChosen(): void;
}

/** A UUID v4 from getRandomValues, which (unlike randomUUID) also exists on plain-http intranet pages. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function followHref(created: { id: string; accessToken: string }): string {
  return `#${new URLSearchParams({ case: created.id, token: created.accessToken })}`;
}

export function caseForm(deps: CaseFormDeps): CaseForm {
  type Pick = (t: PortalText) => string;
  const slots = new Map<
    string,
    { input: HTMLInputElement | HTMLTextAreaElement; error: HTMLElement; wrapper: HTMLElement }
  >();

  function field(path: string, id: string, label: Pick, input: HTMLInputElement | HTMLTextAreaElement) {
    const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
    input.setAttribute('aria-describedby', `${id}-error`);
    const wrapper = h(
      'div',
      { class: 'field', 'data-field': path },
      h('label', { for: id }, bound(label)),
      input,
      error,
    );
    slots.set(path, { input, error, wrapper });
    return wrapper;
  }

  const companyName = h('input', {
    id: 'c-company',
    type: 'text',
    autocomplete: 'organization',
    maxlength: 200,
  });
  const contactName = h('input', {
    id: 'c-name',
    type: 'text',
    autocomplete: 'name',
    maxlength: 200,
    'aria-required': 'true',
  });
  const phone = h('input', { id: 'c-phone', type: 'tel', autocomplete: 'tel', maxlength: 32 });
  const email = h('input', { id: 'c-email', type: 'email', autocomplete: 'email', maxlength: 254 });
  const note = h('textarea', { id: 'c-note', rows: 3, maxlength: 2000 });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submitLabel = document.createTextNode('');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'case-submit' }, submitLabel);
  const chosenLine = h('p', { class: 'hint', 'aria-live': 'polite' });
  const created = h('div', { id: 'case-created', class: 'notice success', hidden: true, tabindex: '-1' });

  let attempt: { key: string; body: string } | undefined;
  let inFlight = false;
  let done: CreatedCase | undefined;

  const refreshSubmit = () => {
    submitLabel.data = inFlight ? text().portal.case.submitting : text().portal.case.submit;
  };
  const refreshChosen = () => {
    const count = deps.policyIds().length;
    const c = text().portal.case;
    chosenLine.textContent = count ? fill(c.chosen, { count }) : c.chosenNone;
  };

  function clearErrors() {
    formError.hidden = true;
    formError.textContent = '';
    for (const s of slots.values()) {
      s.error.hidden = true;
      s.error.textContent = '';
      s.input.removeAttribute('aria-invalid');
      s.wrapper.classList.remove('has-error');
    }
  }

  function showErrors(problems: readonly FieldProblem[]) {
    const general: string[] = [];
    const profileProblems: FieldProblem[] = [];
    let first: HTMLElement | undefined;
    for (const p of problems) {
      const slot = slots.get(p.path);
      if (slot) {
        slot.error.textContent = p.message;
        slot.error.hidden = false;
        slot.input.setAttribute('aria-invalid', 'true');
        slot.wrapper.classList.add('has-error');
        first ??= slot.input;
      } else if (p.path.startsWith('profile.')) profileProblems.push(asProfileProblem(p));
      else general.push(p.message);
    }
    if (profileProblems.length)
      general.push(...deps.showProfileErrors(profileProblems).map((p) => p.message));
    if (general.length || profileProblems.length) {
      replaceChildren(
        formError,
        h('p', {}, fill(text().portal.form.fixFields, { count: problems.length })),
        general.length
          ? h(
              'ul',
              {},
              general.map((m) => h('li', {}, m)),
            )
          : null,
      );
      formError.hidden = false;
    }
    first?.focus();
  }

  function renderCreated() {
    if (!done) return;
    const c = text().portal.case;
    replaceChildren(
      created,
      h('h3', {}, fill(c.created, { id: done.id })),
      h('p', {}, fill(c.department, { department: done.departmentLabel ?? done.department })),
      h('p', {}, h('a', { href: followHref(done), id: 'case-follow', class: 'follow-link' }, c.followLink)),
      h('p', { class: 'hint' }, c.followHint),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            done = undefined;
            attempt = undefined;
            created.hidden = true;
            form.hidden = false;
            note.value = '';
            contactName.focus();
          },
        },
        c.newCase,
      ),
    );
  }

  async function send() {
    if (inFlight) return;
    clearErrors();
    const profile = deps.profile();
    if (!profile) return;
    const name = companyName.value.trim();
    const policyIds = deps.policyIds();
    const request: CaseRequest = {
      profile: name ? { ...profile, name } : profile,
      ...(policyIds.length ? { policyIds } : {}),
      contact: {
        name: contactName.value.trim(),
        ...(phone.value.trim() ? { phone: phone.value.trim() } : {}),
        ...(email.value.trim() ? { email: email.value.trim() } : {}),
      },
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
      lang: text().lang as Lang,
    };
    const body = JSON.stringify(request);
    if (attempt?.body !== body) attempt = { key: newIdempotencyKey(), body };
    inFlight = true;
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    refreshSubmit();
    try {
      done = await api.createCase(request, attempt.key);
      renderCreated();
      form.hidden = true;
      created.hidden = false;
      created.focus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length)
        showErrors(error.problem.errors);
      else {
        replaceChildren(formError, h('p', {}, deps.describeError(error)));
        formError.hidden = false;
      }
    } finally {
      inFlight = false;
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      refreshSubmit();
    }
  }

  const form = h(
    'form',
    {
      id: 'case-form',
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        void send();
      },
    },
    field('profile.name', 'c-company', (t) => t.portal.case.companyName, companyName),
    field('contact.name', 'c-name', (t) => t.portal.case.contactName, contactName),
    field('contact.phone', 'c-phone', (t) => t.portal.case.phone, phone),
    field('contact.email', 'c-email', (t) => t.portal.case.email, email),
    field('note', 'c-note', (t) => t.portal.case.note, note),
    formError,
    h('div', { class: 'actions' }, submit),
  );

  onLanguage(() => {
    refreshSubmit();
    refreshChosen();
    renderCreated();
  });

  const element = h(
    'section',
    { id: 'case', 'aria-labelledby': 'case-heading', hidden: true },
    h(
      'h2',
      { id: 'case-heading' },
      bound((t) => t.portal.case.heading),
    ),
    h(
      'p',
      {},
      bound((t) => t.portal.case.intro),
    ),
    chosenLine,
    form,
    created,
  );
  return { element, refreshChosen };
}
