import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MatchResult } from '../../shared/engine/types.js';
import {
  artifactPath,
  DESKTOP,
  launchChromium,
  openPortal,
  PHONE,
  type PortalPage,
  type PortalServer,
  SKIP_REASON,
  skipBrowserTests,
  startPortalServer,
} from './harness.js';

// The self-check portal in a real browser, against the app `npm start` serves:
// a new user's path through the form, the next question, the hand-off to the
// Enterprise Service Center, the language switch and a bad value.

if (skipBrowserTests) console.warn(`tests/portal: ${SKIP_REASON}`);

// Callbacks given to page.evaluate run in Chromium, but this file is compiled
// with the server's tsconfig (no DOM lib, on purpose), so the browser globals
// those callbacks use are declared here, for this module only.
// biome-ignore lint/suspicious/noExplicitAny: browser globals, checked by running them
type InBrowser = any;
declare const document: InBrowser;
declare const window: InBrowser;
declare const location: InBrowser;
declare const getComputedStyle: InBrowser;
declare const NodeFilter: InBrowser;
type Element = InBrowser;
type HTMLElement = InBrowser;
type HTMLInputElement = InBrowser;

const CJK = /[\u3400-\u9fff]/;
const isMatchPost = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/v1/match';
const isCasePost = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/v1/cases';

/** What a new user types for an AI company in 润弘大厦, with the Traditional name picked from the suggestions. */
async function fillAiCompanyInRunhong(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: '人工智能', exact: true }).check();
  await page.getByLabel('主营业务（一句话）').fill('为医院提供医学影像人工智能辅助诊断');
  await page.getByLabel('上年度营业收入').fill('3000');
  await page.getByLabel('员工人数').fill('45');
  const building = page.getByRole('combobox', { name: '所在楼宇或园区' });
  await building.pressSequentially('潤弘');
  await page.getByRole('option', { name: /润弘大厦/ }).waitFor();
  await building.press('ArrowDown');
  await building.press('Enter');
  expect(await building.inputValue()).toBe('润弘大厦');
}

async function showResults(page: Page, buttonName = '查看匹配结果'): Promise<Request> {
  const sent = page.waitForRequest(isMatchPost);
  await page.getByRole('button', { name: buttonName }).click();
  const request = await sent;
  await page.locator('#results .clause').first().waitFor();
  return request;
}

/** Results shown and the case form filled with a company name no other test uses; returns that name. */
async function readyToSend(page: Page, contact: string): Promise<string> {
  await fillAiCompanyInRunhong(page);
  await showResults(page);
  const company = `门户测试公司-${randomUUID().slice(0, 8)}`;
  await page.getByLabel('企业名称').fill(company);
  await page.getByLabel('联系人（必填）').fill(contact);
  return company;
}

/** Every card of a result group, after pressing "show more" until nothing is left. */
async function allCards(group: Locator): Promise<string[]> {
  const more = group.locator('button.more');
  while (await more.isVisible()) await more.click();
  return group
    .locator('li.clause')
    .evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.policyId ?? ''));
}

describe.skipIf(skipBrowserTests)('the self-check portal in Chromium', () => {
  let server: PortalServer;
  let browser: Browser;
  let open: PortalPage | undefined;

  beforeAll(async () => {
    server = await startPortalServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    // No uncaught script error and no CSP violation on any page.
    const problems = open?.problems ?? [];
    await open?.context.close();
    open = undefined;
    expect(problems).toEqual([]);
  });

  async function portal(viewport = DESKTOP, path = ''): Promise<Page> {
    open = await openPortal(browser, server.baseUrl, viewport, path);
    return open.page;
  }

  async function apiMatch(
    body: unknown,
  ): Promise<{ status: number; json: MatchResult & { errors?: { path: string; message: string }[] } }> {
    const res = await fetch(new URL('v1/match', server.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      json: (await res.json()) as MatchResult & { errors?: { path: string; message: string }[] },
    };
  }

  async function casesOf(companyName: string): Promise<{ id: string }[]> {
    const res = await fetch(new URL('v1/cases?limit=100', server.baseUrl), {
      headers: { authorization: `Bearer ${server.adminToken()}` },
    });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { items: { id: string; companyName?: string }[] };
    return list.items.filter((c) => c.companyName === companyName);
  }

  it('shows an AI company in 润弘大厦 its eligible AI and building measures, in Chinese by default', async () => {
    const page = await portal();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('罗湖区惠企政策自助匹配');
    expect(await page.locator('.note').textContent()).toContain('填得越多，结果越确定');

    await fillAiCompanyInRunhong(page);
    expect(await page.locator('#f-revenue-echo').textContent()).toBe('= 30,000,000 元');
    const request = await showResults(page);

    // The page sent what the user typed: 3000 万元 as yuan, the picked building by id.
    const body = request.postDataJSON() as { profile: unknown; lang: string };
    expect(body).toEqual({
      profile: {
        industry: { tracks: ['ai'], description: '为医院提供医学影像人工智能辅助诊断' },
        annualRevenueCny: 30_000_000,
        employees: 45,
        building: 'runhong-building',
      },
      lang: 'zh',
    });

    // …and shows what the API answers, group by group, in the API's order.
    const { json: expected } = await apiMatch(body);
    const status = await page.locator('#results-status').textContent();
    expect(status).toContain(`符合 ${expected.counts.eligible} 项`);
    expect(status).toContain(`需补充信息 ${expected.counts.needs_info} 项`);
    const eligible = page.locator('.group[data-outcome="eligible"]');
    expect(await eligible.locator('h3').textContent()).toBe(`符合 (${expected.counts.eligible})`);
    expect(await allCards(eligible)).toEqual(
      expected.results.filter((r) => r.outcome === 'eligible').map((r) => r.policyId),
    );

    // Among them an AI measure and a measure for the building the company sits in.
    const aiCard = eligible.locator('li.clause', {
      has: page.locator('ul.criteria li.met[data-field="industry.tracks"]', { hasText: '人工智能' }),
    });
    const buildingCard = eligible.locator('li.clause', {
      has: page.locator('ul.criteria li.met[data-field^="building"]'),
    });
    expect(await aiCard.count()).toBeGreaterThan(0);
    expect(await buildingCard.count()).toBeGreaterThan(0);
    expect(await buildingCard.first().locator('ul.criteria').textContent()).toContain('润弘大厦');

    // Each card: benefit, lead department, validity with the plan period (visibly expired), source on demand.
    const card = buildingCard.first();
    const policyId = (await card.getAttribute('data-policy-id')) as string;
    const clause = expected.results.find((r) => r.policyId === policyId);
    if (!clause) throw new Error(`${policyId} not in the API's results`);
    const facts = await card.locator('dl.facts').textContent();
    expect(facts).toContain(clause.benefit.description);
    expect(facts).toContain(clause.leadDepartments.join('、') || '规划未写明牵头单位');
    const validity = card.locator('.badge.validity');
    expect(await validity.textContent()).toBe(clause.validityLabel);
    if (clause.validity === 'expired') {
      expect(await validity.textContent()).toMatch(
        /^已到期（规划期 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）$/,
      );
      expect(await page.locator('.expired-banner').textContent()).toContain('规划期已经结束');
    }
    const quote = card.locator('details.source blockquote');
    expect(await quote.isVisible()).toBe(false);
    await card.getByText('查看政策原文').click();
    expect(await quote.isVisible()).toBe(true);
    expect(await quote.textContent()).toBe(clause.source.quote);
    const cite = await card.locator('details.source .cite').textContent();
    expect(cite).toContain(clause.source.document);
    expect(cite).toContain(clause.source.section);

    // Needs-info and ineligible results carry their explanation and gap too.
    const ineligible = page.locator('.group[data-outcome="ineligible"] li.clause').first();
    expect(await ineligible.locator('ul.criteria li.not_met').count()).toBeGreaterThan(0);
    expect(await ineligible.locator('ul.gaps li').count()).toBeGreaterThan(0);

    // Only this origin was asked for anything: no CDN, no web fonts.
    const origins = new Set(open?.requests.map((u) => (u.startsWith('data:') ? 'data:' : new URL(u).origin)));
    expect([...origins].filter((o) => o !== 'data:')).toEqual([new URL(server.baseUrl).origin]);

    await page.evaluate(() => document.getElementById('results-heading')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: artifactPath('portal-results.png') });
  });

  it('answers the best next question in place and matches again without a reload', async () => {
    const page = await portal();
    await fillAiCompanyInRunhong(page);
    const firstRequest = await showResults(page);
    const url = page.url();
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const status = page.locator('#results-status');
    const before = await status.textContent();
    const card = page.locator('.next-question');
    const field = (await card.getAttribute('data-field')) as string;
    expect(field).toBeTruthy();
    // The question above the results is the API's best one.
    const { json: first } = await apiMatch(firstRequest.postDataJSON());
    expect(field).toBe(first.nextQuestions[0]?.field);

    const sent = page.waitForRequest(isMatchPost);
    const choices = card.locator('input[type="radio"], input[type="checkbox"]:not([data-none])');
    if (await choices.count()) await choices.first().check();
    else await card.getByRole('textbox').fill(field === 'industry.code' ? 'I65' : '100');
    await card.getByRole('button', { name: '确定' }).click();
    const body = (await sent).postDataJSON() as { profile: Record<string, unknown> };

    await expect.poll(() => status.textContent()).not.toBe(before);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );

    // The answer went into the profile, and the page shows the API's results for it.
    const [head, leaf] = field.split('.') as [string, string | undefined];
    const value = leaf
      ? (body.profile[head] as Record<string, unknown> | undefined)?.[leaf]
      : body.profile[head];
    expect(value).not.toBeUndefined();
    const { json: expected } = await apiMatch(body);
    expect(await status.textContent()).toContain(
      `符合 ${expected.counts.eligible} 项，需补充信息 ${expected.counts.needs_info} 项`,
    );
    const next = expected.nextQuestions[0];
    if (next) expect(await card.getAttribute('data-field')).toBe(next.field);
    // An answer to a question the form has no field for is listed, and can be taken back.
    if (!(await page.locator(`#profile-form [data-field="${field}"]`).count()))
      expect(await page.locator(`#answers li[data-field="${field}"]`).count()).toBe(1);
  });

  it('turns a double click on 提交 into one case, and follows it with its access token', async () => {
    const page = await portal();
    const company = await readyToSend(page, '王经理');
    await page.getByLabel('联系电话').fill('0755-12345678');
    const chosen = page.locator('.group[data-outcome="eligible"] input[data-choose]').first();
    await chosen.check();
    const chosenId = await chosen.getAttribute('data-choose');

    const posts: Request[] = [];
    page.on('request', (r) => {
      if (isCasePost(r)) posts.push(r);
    });
    await page.getByRole('button', { name: '提交', exact: true }).dblclick();
    const created = page.locator('#case-created');
    await created.waitFor();
    const id = /事项编号：(\S+)/.exec((await created.locator('h3').textContent()) ?? '')?.[1];
    expect(id).toBeTruthy();

    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts.map((r) => r.headers()['idempotency-key'])).size).toBe(1);
    expect(posts[0]?.postDataJSON()).toMatchObject({
      profile: { name: company },
      policyIds: [chosenId],
      contact: { name: '王经理' },
    });
    // Staff see exactly one case for this company.
    expect((await casesOf(company)).map((c) => c.id)).toEqual([id]);

    const follow = page.getByRole('link', { name: '查看办理进度' });
    expect(await follow.getAttribute('href')).toMatch(new RegExp(`^#case=${id}&token=[A-Za-z0-9_-]{16,}$`));
    await follow.click();
    await expect.poll(() => page.locator('#follow-id').textContent()).toBe(id);
    expect(await page.locator('#follow-status').textContent()).toBe('新建');
    expect(await page.locator('#self-check').isVisible()).toBe(false);
    await page.getByRole('link', { name: '返回自助匹配' }).click();
    await page.locator('#case-created').waitFor();
    expect(await page.locator('#results .clause').count()).toBeGreaterThan(0);
  });

  it('retries a submission whose response was lost with the same key, so there is still one case', async () => {
    const page = await portal();
    const company = await readyToSend(page, '李女士');

    // The first POST reaches the server (the case is made) but its answer never reaches the page.
    const keys: string[] = [];
    let createdOnServer: string | undefined;
    await page.route('**/v1/cases', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (createdOnServer === undefined) {
        const response = await route.fetch();
        createdOnServer = ((await response.json()) as { id: string }).id;
        await route.abort('connectionreset');
      } else await route.continue();
    });
    const submit = page.getByRole('button', { name: '提交', exact: true });
    await submit.click();
    await expect.poll(() => page.locator('#case-form .form-error').textContent()).toContain('网络连接失败');
    expect(createdOnServer).toBeTruthy();

    await submit.click();
    await page.locator('#case-created').waitFor();
    expect(await page.locator('#case-created h3').textContent()).toContain(createdOnServer);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect((await casesOf(company)).map((c) => c.id)).toEqual([createdOnServer]);
  });

  it('switches to English in place, keeping the answers, and stays in English on reload', async () => {
    const page = await portal();
    await fillAiCompanyInRunhong(page);
    await showResults(page);
    const tracksEn = (await (await fetch(new URL('v1/tracks?lang=en', server.baseUrl))).json()) as {
      items: { id: string; name: string }[];
    };
    const aiEn = tracksEn.items.find((t) => t.id === 'ai')?.name as string;

    const rematch = page.waitForRequest(isMatchPost);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    expect((await rematch).postDataJSON()).toMatchObject({ lang: 'en' });
    await expect
      .poll(() => page.locator('#results-status').textContent())
      .toMatch(/^As of \d{4}-\d{2}-\d{2}, \d+ measures: \d+ eligible/);

    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Luohu business incentives self-check');
    // What the user entered is still there, now described in English.
    expect(await page.getByRole('checkbox', { name: aiEn, exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Last year's revenue").inputValue()).toBe('3000');
    expect(await page.locator('#f-revenue-echo').textContent()).toBe('= CNY 30,000,000');
    expect(await page.getByRole('combobox', { name: 'Building or park' }).inputValue()).toBe(
      'Runhong Building',
    );
    expect(await page.locator('.group[data-outcome="eligible"] h3').textContent()).toMatch(
      /^Eligible \(\d+\)$/,
    );
    // No Chinese left in the page's own words. Source quotes stay in the plans' Chinese,
    // and the building hint shows Chinese names on purpose (that is what to type).
    const words = await page
      .locator('h1, h2, h3, h4, legend, label, button, .hint, .note, .badge, dt, ul.criteria, .status')
      .evaluateAll((nodes) =>
        nodes
          .filter(
            (n) =>
              (n as HTMLElement).offsetParent !== null && !['lang-switch', 'f-building-hint'].includes(n.id),
          )
          .map((n) => n.textContent ?? ''),
      );
    expect(words.filter((w) => CJK.test(w))).toEqual([]);
    expect(await page.locator('#lang-switch').textContent()).toBe('中文');

    await page.reload();
    await page.locator('input[name="track"]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('罗湖区惠企政策自助匹配');
  });

  it("shows the API's message under the field for a negative revenue and an empty contact name", async () => {
    const page = await portal();
    const revenue = page.getByLabel('上年度营业收入');
    await revenue.fill('-5');
    expect(await page.locator('#f-revenue-echo').textContent()).toBe('= -50,000 元');
    await page.getByRole('button', { name: '查看匹配结果' }).click();
    const error = page.locator('#f-revenue-error');
    await error.waitFor();

    const { status, json } = await apiMatch({ profile: { annualRevenueCny: -50_000 }, lang: 'zh' });
    expect(status).toBe(400);
    const message = json.errors?.find((e) => e.path === 'profile.annualRevenueCny')?.message;
    expect(message).toBeTruthy();
    expect(await error.textContent()).toBe(message);
    expect(await revenue.getAttribute('aria-invalid')).toBe('true');
    expect(await revenue.getAttribute('aria-describedby')).toContain('f-revenue-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-revenue');

    // Fixed, the message goes and the results come.
    await revenue.fill('3000');
    await showResults(page);
    expect(await error.isVisible()).toBe(false);
    expect(await revenue.getAttribute('aria-invalid')).toBeNull();

    // The case form places the API's messages the same way.
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const nameError = page.locator('#c-name-error');
    await nameError.waitFor();
    const res = await fetch(new URL('v1/cases', server.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ profile: { annualRevenueCny: 30_000_000 }, contact: { name: '' }, lang: 'zh' }),
    });
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(await nameError.textContent()).toBe(
      problem.errors.find((e) => e.path === 'contact.name')?.message,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-name');
  });

  it('works at phone width with the keyboard alone, with a visible focus ring', async () => {
    const page = await portal(PHONE);
    async function tabTo(selector: string): Promise<void> {
      for (let i = 0; i < 150; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    }
    await tabTo('input[name="track"][value="ai"]');
    await page.keyboard.press('Space');
    await tabTo('#f-revenue');
    // The focused field shows a ring: a solid outline and the yellow halo.
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return {
        outline: style.outlineStyle,
        width: Number.parseFloat(style.outlineWidth),
        shadow: style.boxShadow,
      };
    });
    expect(ring.outline).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.shadow).toContain('rgb(255, 221, 0)');
    await page.keyboard.type('3000');
    await tabTo('#f-building');
    await page.keyboard.type('润弘');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.locator('#f-building').inputValue()).toBe('润弘大厦');
    await tabTo('#match-button');
    await page.keyboard.press('Enter');
    await page.locator('#results .clause').first().waitFor();
    // Focus follows to the results, so a screen reader or keyboard user lands there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    expect(await page.locator('#results-status').textContent()).toMatch(/符合 \d+ 项/);

    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.evaluate(() => document.getElementById('results-heading')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: artifactPath('portal-results-phone.png') });
  });

  it('labels every control and keeps text contrast at 4.5:1 or more (3:1 for large text)', async () => {
    const page = await portal();
    await fillAiCompanyInRunhong(page);
    await showResults(page);
    await page.locator('#results details.source summary').first().click();
    await page.getByLabel('员工人数').fill('many');
    await page.getByRole('button', { name: '更新匹配结果' }).click();
    await page.locator('#f-employees-error').waitFor();

    const report = await page.evaluate(() => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      const named = (el: Element) => {
        const labelledBy = el.getAttribute('aria-labelledby');
        if (labelledBy)
          return labelledBy
            .split(/\s+/)
            .map((id: string) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
            .trim();
        if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
        const labels = (el as HTMLInputElement).labels;
        if (labels?.length)
          return [...labels]
            .map((l) => l.textContent ?? '')
            .join(' ')
            .trim();
        return el.tagName === 'BUTTON' ? (el.textContent ?? '').trim() : '';
      };
      const unlabelled = [...document.querySelectorAll('input, select, textarea, button')]
        .filter(visible)
        .filter((el) => !named(el))
        .map((el) => el.outerHTML.slice(0, 120));

      const rgba = (c: string) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        const [r = 0, g = 0, b = 0, a = 1] = (m?.[1] ?? '0,0,0,0')
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return { r, g, b, a: m ? a : 0 };
      };
      const background = (el: Element | null): { r: number; g: number; b: number } => {
        for (let node = el; node; node = node.parentElement) {
          const bg = rgba(getComputedStyle(node).backgroundColor);
          if (bg.a > 0) return bg;
        }
        return { r: 255, g: 255, b: 255 };
      };
      const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
        const ch = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
      };
      const lowContrast: string[] = [];
      let checked = 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (
          !el ||
          !node.textContent?.trim() ||
          !visible(el) ||
          el.closest('[hidden], .visually-hidden, script, noscript, option')
        )
          continue;
        const style = getComputedStyle(el);
        const fg = rgba(style.color);
        const bg = background(el);
        const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const size = Number.parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        checked++;
        if (ratio < (large ? 3 : 4.5))
          lowContrast.push(
            `${ratio.toFixed(2)} "${node.textContent.trim().slice(0, 30)}" (${style.color} on ${JSON.stringify(bg)})`,
          );
      }
      return { unlabelled, lowContrast, checked };
    });
    expect(report.unlabelled).toEqual([]);
    expect(report.checked).toBeGreaterThan(200);
    expect(report.lowContrast).toEqual([]);
  });

  it('follows a case from a link opened in a fresh tab, and says so when the link is incomplete', async () => {
    const res = await fetch(new URL('v1/cases', server.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ profile: { industry: { tracks: ['ai'] } }, contact: { name: '赵先生' } }),
    });
    const created = (await res.json()) as {
      id: string;
      accessToken: string;
      statusLabel: string;
      department: string;
    };
    const page = await portal(PHONE, `#case=${created.id}&token=${created.accessToken}`);
    await expect.poll(() => page.locator('#follow-id').textContent()).toBe(created.id);
    expect(await page.locator('#follow').textContent()).toContain(created.department);
    expect(await page.locator('#self-check').isVisible()).toBe(false);

    await page.evaluate(() => {
      location.hash = 'case=x';
    });
    await expect.poll(() => page.locator('#follow-body').textContent()).toContain('链接不完整');
  });
});
