import { fill } from '../../shared/i18n/index.js';
import type { Building } from './api.js';
import { h, replaceChildren } from './dom.js';
import { text } from './i18n.js';

// The building field: free text with suggestions from /v1/buildings (the ARIA
// 1.2 combobox pattern: the input keeps focus, arrow keys move through a
// listbox, Enter picks, Escape closes). Suggestions match the building's name
// in both languages and every alias, so 潤弘大廈, 润弘 and "Runhong" all find
// 润弘大厦. Whatever the user types is still sent if nothing is picked: the
// API resolves names, aliases and Traditional characters itself.

const MAX_SUGGESTIONS = 8;

/** Case- and punctuation-blind form for matching: "粵海城 T1" ~ "粤海城t1" only via aliases, "HALO 广场" ~ "halo广场". */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[\s·•\-–—_"'“”‘’()（）]/g, '');
}

interface Suggestion {
  building: Building;
  /** The alias the query matched, when it was not the shown name. */
  via?: string;
  rank: number;
}

function suggestBuildings(buildings: readonly Building[], query: string): Suggestion[] {
  const q = normalise(query);
  if (!q) return [];
  const out: Suggestion[] = [];
  for (const building of buildings) {
    const names = [building.name, building.nameZh, building.nameEn ?? '', ...building.aliases];
    let best: Suggestion | undefined;
    for (const name of names) {
      const n = normalise(name);
      const at = n ? n.indexOf(q) : -1;
      if (at < 0) continue;
      const rank = (at === 0 ? 0 : 1) * 1000 + n.length;
      if (!best || rank < best.rank)
        best = { building, rank, ...(name === building.name ? {} : { via: name }) };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => a.rank - b.rank).slice(0, MAX_SUGGESTIONS);
}

export interface BuildingField {
  input: HTMLInputElement;
  element: HTMLElement;
  /** What to send as `profile.building`: the picked building's id, else the typed text. */
  value(): string | undefined;
  /** Shows a value the API or an answer gave: a building id or free text. */
  set(value: string): void;
  setBuildings(items: readonly Building[]): void;
}

export function buildingField(id: string, describedBy: string): BuildingField {
  const listId = `${id}-list`;
  const input = h('input', {
    id,
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': describedBy,
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: 200,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'combo-list', hidden: true });
  const status = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  let buildings: readonly Building[] = [];
  let shown: Suggestion[] = [];
  let active = -1;
  let picked: Building | undefined;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index: number) {
    active = index;
    for (const [i, node] of [...list.querySelectorAll('[role="option"]')].entries())
      node.setAttribute('aria-selected', String(i === index));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${index}`);
      list.children[index]?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function pick(building: Building) {
    picked = building;
    input.value = building.name;
    close();
  }

  function refresh() {
    shown = suggestBuildings(buildings, input.value);
    const t = text().portal.form;
    if (shown.length === 0) {
      close();
      status.textContent = input.value.trim() ? t.buildingNoSuggestions : '';
      return;
    }
    replaceChildren(
      list,
      shown.map((s, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-building-id': s.building.id,
            // mousedown, not click: the input must not lose focus before the pick.
            onmousedown: (e) => {
              e.preventDefault();
              pick(s.building);
            },
          },
          h('span', { class: 'combo-name' }, s.building.name),
          s.via || s.building.subdistrictName
            ? h(
                'span',
                { class: 'combo-extra' },
                [s.via, s.building.subdistrictName].filter(Boolean).join(' · '),
              )
            : null,
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    status.textContent = fill(t.buildingSuggestions, { count: shown.length });
  }

  input.addEventListener('input', () => {
    picked = undefined;
    refresh();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) refresh();
      if (shown.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + shown.length) % shown.length);
    } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
      e.preventDefault();
      const s = shown[active];
      if (s) pick(s.building);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);

  const element = h('div', { class: 'combo' }, input, list, status);
  return {
    input,
    element,
    value() {
      if (picked && input.value === picked.name) return picked.id;
      const typed = input.value.trim();
      return typed || undefined;
    },
    set(value) {
      const building = buildings.find((b) => b.id === value);
      if (building) pick(building);
      else {
        picked = undefined;
        input.value = value;
      }
    },
    setBuildings(items) {
      buildings = items;
      // After a language switch, show the picked building's name in the new language.
      if (picked && input.value === picked.name) {
        const again = items.find((b) => b.id === picked?.id);
        if (again) pick(again);
      }
    },
  };
}
