import {
  DESIGNATIONS,
  FIELDS,
  type HEADQUARTERS_TYPES,
  type LISTING_STATUSES,
  type OWNERSHIPS,
} from '../../shared/fields.js';
import { fill } from '../../shared/i18n/index.js';
import type { Profile } from '../../shared/profile.js';
import type { Building, FieldProblem, Track } from './api.js';
import { buildingField } from './building-combobox.js';
import { type Child, h } from './dom.js';
import { bound, onLanguage, text } from './i18n.js';
import { formatNumber, parseNumber, wanToYuan, yuanToWan } from './numbers.js';
import type { PortalText } from './text.js';

// The profile form: every field optional. Its controls are the one place the
// page keeps what the user said; answers to the next question are written back
// into them, so the form always shows what the next match will send.

export type AnswerValue = boolean | number | string | readonly string[];

interface Slot {
  /** What to focus when the API names this field. */
  focus: () => HTMLElement | undefined;
  error: HTMLElement;
  wrapper: HTMLElement;
  controls: () => HTMLElement[];
}

export interface ProfileForm {
  element: HTMLFormElement;
  /** The profile as typed, and what could not even be read (text in a number box). */
  read(): { profile: Profile; problems: FieldProblem[] };
  /** Whether `field` (a profile path such as `listing.status`) is one of the form's fields. */
  owns(field: string): boolean;
  set(field: string, value: AnswerValue): void;
  /** Shows each problem under its field and focuses the first; returns those that name no field of the form. */
  showErrors(problems: readonly FieldProblem[]): FieldProblem[];
  clearErrors(): void;
  setTracks(items: readonly Track[]): void;
  setBuildings(items: readonly Building[]): void;
  setHasResults(hasResults: boolean): void;
}

type Pick = (t: PortalText) => string;

function errorLine(id: string): HTMLElement {
  return h('p', { id, class: 'field-error', hidden: true });
}

export function profileForm(onSubmit: () => void): ProfileForm {
  const slots = new Map<string, Slot>();
  const t = () => text();

  // ---- building blocks --------------------------------------------------------

  function field(
    path: string,
    id: string,
    label: Pick,
    control: HTMLElement,
    extra: { hint?: Pick; unit?: Pick; echo?: HTMLElement } = {},
  ) {
    const error = errorLine(`${id}-error`);
    const hint = extra.hint ? h('p', { id: `${id}-hint`, class: 'hint' }, bound(extra.hint)) : null;
    const describedBy = [hint && `${id}-hint`, extra.echo?.id, `${id}-error`].filter(Boolean).join(' ');
    control.setAttribute('aria-describedby', describedBy);
    // The unit is part of the field's name: "上年度营业收入 万元".
    if (extra.unit) control.setAttribute('aria-labelledby', `${id}-label ${id}-unit`);
    const wrapper = h(
      'div',
      { class: 'field', 'data-field': path },
      h('label', { for: id, id: `${id}-label` }, bound(label)),
      hint,
      extra.unit
        ? h(
            'div',
            { class: 'with-unit' },
            control,
            h('span', { class: 'unit', id: `${id}-unit` }, bound(extra.unit)),
          )
        : control,
      extra.echo ?? null,
      error,
    );
    slots.set(path, { focus: () => control, error, wrapper, controls: () => [control] });
    return wrapper;
  }

  function numberInput(id: string, mode: 'decimal' | 'numeric'): HTMLInputElement {
    return h('input', { id, type: 'text', inputmode: mode, autocomplete: 'off', maxlength: 32 });
  }

  function moneyField(path: string, id: string, label: Pick) {
    const input = numberInput(id, 'decimal');
    const echo = h('p', { id: `${id}-echo`, class: 'echo', 'aria-live': 'polite' });
    const update = () => {
      const wan = parseNumber(input.value);
      echo.textContent =
        wan === undefined || Number.isNaN(wan)
          ? ''
          : fill(t().portal.form.yuanEcho, { amount: formatNumber(wanToYuan(wan), t().lang) });
    };
    input.addEventListener('input', update);
    onLanguage(update);
    return { input, element: field(path, id, label, input, { unit: (tt) => tt.portal.form.unitWan, echo }) };
  }

  function select(
    path: string,
    id: string,
    label: Pick,
    values: readonly string[],
    optionLabel: (tt: PortalText, value: string) => string,
  ) {
    const control = h(
      'select',
      { id },
      h(
        'option',
        { value: '' },
        bound((tt) => tt.portal.form.notAnswered),
      ),
      values.map((v) =>
        h(
          'option',
          { value: v },
          bound((tt) => optionLabel(tt, v)),
        ),
      ),
    );
    return { control, element: field(path, id, label, control) };
  }

  function checkGroup(
    path: string,
    id: string,
    legend: Pick,
    content: Child,
    focus: () => HTMLElement | undefined,
    controls: () => HTMLElement[],
  ) {
    const error = errorLine(`${id}-error`);
    const wrapper = h(
      'fieldset',
      { id, class: 'field checks', 'data-field': path, 'aria-describedby': `${id}-error` },
      h('legend', {}, bound(legend)),
      content,
      error,
    );
    slots.set(path, { focus, error, wrapper, controls });
    return wrapper;
  }

  function checkbox(name: string, value: string, label: Child, attrs: Record<string, string> = {}) {
    const input = h('input', { type: 'checkbox', name, value, ...attrs });
    return { input, element: h('label', { class: 'check' }, input, h('span', {}, label)) };
  }

  // ---- the fields ---------------------------------------------------------------

  const trackBox = h('div', { class: 'chips' });
  const trackInputs = new Map<string, HTMLInputElement>();
  const trackNames = new Map<string, HTMLElement>();
  const tracks = checkGroup(
    'industry.tracks',
    'f-tracks',
    (tt) => tt.portal.form.tracks,
    trackBox,
    () => trackInputs.values().next().value,
    () => [...trackInputs.values()],
  );

  const description = h('input', { id: 'f-description', type: 'text', maxlength: 2000, autocomplete: 'off' });
  const descriptionField = field(
    'industry.description',
    'f-description',
    (tt) => tt.portal.form.description,
    description,
    {
      hint: (tt) => tt.portal.form.descriptionHint,
    },
  );

  const revenue = moneyField('annualRevenueCny', 'f-revenue', (tt) => tt.portal.form.revenue);
  const tax = moneyField('annualTaxCny', 'f-tax', (tt) => tt.portal.form.tax);
  const employees = numberInput('f-employees', 'numeric');
  const employeesField = field('employees', 'f-employees', (tt) => tt.portal.form.employees, employees, {
    unit: (tt) => tt.portal.form.unitPeople,
  });

  const building = buildingField('f-building', 'f-building-hint f-building-error');
  const buildingError = errorLine('f-building-error');
  const buildingWrapper = h(
    'div',
    { class: 'field', 'data-field': 'building' },
    h(
      'label',
      { for: 'f-building' },
      bound((tt) => tt.portal.form.building),
    ),
    h(
      'p',
      { id: 'f-building-hint', class: 'hint' },
      bound((tt) => tt.portal.form.buildingHint),
    ),
    building.element,
    buildingError,
  );
  slots.set('building', {
    focus: () => building.input,
    error: buildingError,
    wrapper: buildingWrapper,
    controls: () => [building.input],
  });

  // Subdistrict ids are the same in every language; their names come with the text.
  const subdistrictIds = text().subdistricts.map((s) => s.id);
  const subdistrict = select(
    'subdistrict',
    'f-subdistrict',
    (tt) => tt.portal.form.subdistrict,
    subdistrictIds,
    (tt, v) => tt.subdistricts.find((s) => s.id === v)?.name ?? v,
  );
  // Options and their labels come from the engine's lists (shared/fields.ts, engine.ts).
  const engineSelect = (path: 'listing.status' | 'ownership' | 'headquarters', id: string, label: Pick) =>
    select(
      path,
      id,
      label,
      FIELDS[path].options,
      (tt, v) => (tt.options[path] as Record<string, string>)[v] ?? v,
    );
  const listing = engineSelect('listing.status', 'f-listing', (tt) => tt.portal.form.listing);
  const ownership = engineSelect('ownership', 'f-ownership', (tt) => tt.portal.form.ownership);
  const headquarters = engineSelect('headquarters', 'f-headquarters', (tt) => tt.portal.form.headquarters);

  const designationBoxes = DESIGNATIONS.map((d) =>
    checkbox(
      'designation',
      d,
      bound((tt) => tt.options.designations[d]),
    ),
  );
  // "None of these" is an answer (designations: []), unlike ticking nothing (unknown).
  const noDesignation = checkbox(
    'designation',
    '',
    bound((tt) => tt.portal.form.designationsNone),
    { 'data-none': 'true' },
  );
  for (const box of designationBoxes)
    box.input.addEventListener('change', () => {
      if (box.input.checked) noDesignation.input.checked = false;
    });
  noDesignation.input.addEventListener('change', () => {
    if (noDesignation.input.checked) for (const box of designationBoxes) box.input.checked = false;
  });
  const designations = checkGroup(
    'designations',
    'f-designations',
    (tt) => tt.portal.form.designations,
    h(
      'div',
      { class: 'check-grid' },
      designationBoxes.map((b) => b.element),
      noDesignation.element,
    ),
    () => designationBoxes[0]?.input,
    () => [...designationBoxes.map((b) => b.input), noDesignation.input],
  );

  // ---- the form -------------------------------------------------------------------

  let hasResults = false;
  const submitLabel = document.createTextNode('');
  const refreshSubmit = () => {
    submitLabel.data = hasResults ? t().portal.form.update : t().portal.form.submit;
  };
  onLanguage(refreshSubmit);

  const section = (legend: Pick, ...children: Child[]) =>
    h('fieldset', { class: 'group' }, h('legend', {}, bound(legend)), children);

  const element = h(
    'form',
    {
      id: 'profile-form',
      novalidate: true,
      'aria-labelledby': 'profile-heading',
      onsubmit: (e) => {
        e.preventDefault();
        onSubmit();
      },
    },
    h(
      'h2',
      { id: 'profile-heading' },
      bound((tt) => tt.portal.form.heading),
    ),
    h(
      'p',
      { class: 'note' },
      bound((tt) => tt.portal.optionalNote),
    ),
    section((tt) => tt.portal.form.industry, tracks, descriptionField),
    section((tt) => tt.portal.form.scale, revenue.element, tax.element, employeesField),
    section((tt) => tt.portal.form.location, buildingWrapper, subdistrict.element),
    section(
      (tt) => tt.portal.form.company,
      listing.element,
      ownership.element,
      headquarters.element,
      designations,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'match-button' }, submitLabel),
    ),
  );

  const selects: Record<string, HTMLSelectElement> = {
    subdistrict: subdistrict.control,
    'listing.status': listing.control,
    ownership: ownership.control,
    headquarters: headquarters.control,
  };
  const moneyInputs: Record<string, HTMLInputElement> = {
    annualRevenueCny: revenue.input,
    annualTaxCny: tax.input,
  };

  function clearErrors() {
    for (const slot of slots.values()) {
      slot.error.hidden = true;
      slot.error.textContent = '';
      slot.wrapper.classList.remove('has-error');
      for (const c of slot.controls()) c.removeAttribute('aria-invalid');
    }
  }

  return {
    element,
    read() {
      const profile: Profile = {};
      const problems: FieldProblem[] = [];
      const industry: NonNullable<Profile['industry']> = {};
      const chosenTracks = [...trackInputs.values()].filter((i) => i.checked).map((i) => i.value);
      if (chosenTracks.length) industry.tracks = chosenTracks;
      if (description.value.trim()) industry.description = description.value.trim();
      if (Object.keys(industry).length) profile.industry = industry;

      for (const [path, input] of Object.entries(moneyInputs)) {
        const wan = parseNumber(input.value);
        if (wan === undefined) continue;
        if (Number.isNaN(wan)) problems.push({ path, message: t().portal.form.notANumber });
        else profile[path as 'annualRevenueCny' | 'annualTaxCny'] = wanToYuan(wan);
      }
      const headcount = parseNumber(employees.value);
      if (headcount !== undefined) {
        if (Number.isNaN(headcount))
          problems.push({ path: 'employees', message: t().portal.form.notANumber });
        else profile.employees = headcount;
      }
      const buildingValue = building.value();
      if (buildingValue) profile.building = buildingValue;
      if (subdistrict.control.value) profile.subdistrict = subdistrict.control.value;
      if (listing.control.value)
        profile.listing = { status: listing.control.value as (typeof LISTING_STATUSES)[number] };
      if (ownership.control.value) profile.ownership = ownership.control.value as (typeof OWNERSHIPS)[number];
      if (headquarters.control.value)
        profile.headquarters = headquarters.control.value as (typeof HEADQUARTERS_TYPES)[number];
      const held = designationBoxes
        .filter((b) => b.input.checked)
        .map((b) => b.input.value as (typeof DESIGNATIONS)[number]);
      if (held.length || noDesignation.input.checked) profile.designations = held;
      return { profile, problems };
    },
    owns(path) {
      return slots.has(path);
    },
    set(path, value) {
      if (path === 'industry.tracks' && Array.isArray(value)) {
        for (const v of value) {
          const input = trackInputs.get(v);
          if (input) input.checked = true;
        }
      } else if (path in moneyInputs && typeof value === 'number') {
        const input = moneyInputs[path] as HTMLInputElement;
        input.value = String(yuanToWan(value));
        input.dispatchEvent(new Event('input'));
      } else if (path === 'employees') employees.value = String(value);
      else if (path === 'building') building.set(String(value));
      else if (path === 'industry.description') description.value = String(value);
      else if (path in selects) (selects[path] as HTMLSelectElement).value = String(value);
      else if (path === 'designations' && Array.isArray(value)) {
        for (const box of designationBoxes) box.input.checked = value.includes(box.input.value);
        noDesignation.input.checked = value.length === 0;
      }
    },
    showErrors(problems) {
      clearErrors();
      const unplaced: FieldProblem[] = [];
      for (const problem of problems) {
        const slot = slots.get(problem.path);
        if (!slot) {
          unplaced.push(problem);
          continue;
        }
        slot.error.textContent = slot.error.textContent
          ? `${slot.error.textContent} ${problem.message}`
          : problem.message;
        slot.error.hidden = false;
        slot.wrapper.classList.add('has-error');
        for (const c of slot.controls()) c.setAttribute('aria-invalid', 'true');
      }
      // Focus the first field in page order, not in the order the API listed them.
      for (const slot of slots.values())
        if (!slot.error.hidden) {
          slot.focus()?.focus();
          break;
        }
      return unplaced;
    },
    clearErrors,
    setTracks(items) {
      for (const track of items) {
        const name = trackNames.get(track.id);
        if (name) {
          name.textContent = track.name;
          name.parentElement?.setAttribute('title', track.description);
          continue;
        }
        const label = h('span', {}, track.name);
        const box = checkbox('track', track.id, label);
        box.element.setAttribute('title', track.description);
        trackInputs.set(track.id, box.input);
        trackNames.set(track.id, label);
        trackBox.append(box.element);
      }
    },
    setBuildings(items) {
      building.setBuildings(items);
    },
    setHasResults(value) {
      hasResults = value;
      refreshSubmit();
    },
  };
}
