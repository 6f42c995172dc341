import { api } from './api.js';
import { h, replaceChildren } from './dom.js';
import { text } from './i18n.js';

// Following a case with the link the page gave after submitting it:
// `#case=<id>&token=<access token>`. The token sits in the fragment, which
// browsers never send to a server, so it stays out of access logs and
// Referer headers; the page passes it to GET /v1/cases/{id}?token= itself.

export interface CaseLink {
  id: string;
  token: string;
}

export function caseLinkFromHash(hash: string): CaseLink | 'incomplete' | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('case')) return undefined;
  const id = params.get('case') ?? '';
  const token = params.get('token') ?? '';
  return id && token ? { id, token } : 'incomplete';
}

export function followView(describeError: (error: unknown) => string) {
  const body = h('div', { id: 'follow-body', 'aria-live': 'polite' });
  const heading = h('h2', { id: 'follow-heading', tabindex: '-1' });
  const back = h('a', { href: '#', class: 'back' });
  const element = h(
    'section',
    { id: 'follow', 'aria-labelledby': 'follow-heading', hidden: true },
    back,
    heading,
    body,
  );
  let shown: CaseLink | 'incomplete' | undefined;

  function when(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(text().lang === 'zh' ? 'zh-CN' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    }).format(date);
  }

  async function show(link: CaseLink | 'incomplete') {
    shown = link;
    const f = text().portal.follow;
    heading.textContent = f.heading;
    back.textContent = f.back;
    if (link === 'incomplete') {
      replaceChildren(body, h('p', { class: 'form-error' }, f.missing));
      return;
    }
    replaceChildren(body, h('p', {}, text().portal.loading));
    try {
      const view = await api.readCase(link.id, link.token, text().lang);
      if (shown !== link) return;
      replaceChildren(
        body,
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, f.id),
          h('dd', { id: 'follow-id' }, view.id),
          h('dt', {}, f.status),
          h('dd', { id: 'follow-status', 'data-status': view.status }, view.statusLabel),
          h('dt', {}, f.department),
          h('dd', {}, view.departmentLabel ?? view.department),
          h('dt', {}, f.createdAt),
          h('dd', {}, when(view.createdAt)),
        ),
        h('h3', {}, f.history),
        h(
          'ol',
          { class: 'history' },
          view.history.map((entry) =>
            h(
              'li',
              {},
              h('time', { datetime: entry.at }, when(entry.at)),
              ' ',
              entry.toLabel,
              entry.note ? ` · ${entry.note}` : null,
            ),
          ),
        ),
      );
    } catch (error) {
      if (shown === link)
        replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, describeError(error)));
    }
  }

  return {
    element,
    show,
    /** Shows the current case again in the current language. */
    refresh() {
      if (shown && !element.hidden) void show(shown);
    },
  };
}
