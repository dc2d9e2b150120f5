// Every page as people meet it, saved for anyone to look at after `make test`:
// target/screenshots/<who>-<width>-<language>-<page>.png — staff and client, a phone (390 px) and
// a laptop (1280 px), English and Spanish. Each page is also checked as a person glancing at it
// would: it speaks the chosen language, has its one heading, shows no error, and nothing on it
// runs off the side of the screen.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, hydrated } from './helpers';

const OUT = '../target/screenshots';
const SIZES = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1280, height: 800 },
} as const;
const LANGUAGES = ['en', 'es'] as const;
type Language = (typeof LANGUAGES)[number];
const ERROR_TITLE: Record<Language, string> = { en: 'Something went wrong', es: 'Algo salió mal' };
const NOT_FOUND: Record<Language, string> = { en: 'Page not found', es: 'Página no encontrada' };

/**
 * A page to photograph: its name in the file, its address, whether it is the "not found" page,
 * and a text it must show in each language.
 */
type Shot = { name: string; path: string; missing?: boolean; shows?: Record<Language, string> };

async function newPage(browser: Browser, size: keyof typeof SIZES): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: SIZES[size],
  });
  return context.newPage();
}

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
}

/** The id of the project whose link on the home page has this name. */
async function projectId(page: Page, name: string): Promise<string> {
  await page.goto('/');
  const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
  return href!.match(/\/projects\/(\d+)/)![1];
}

/** The address of the first card on a project's board. */
async function firstCard(page: Page, project: string): Promise<string> {
  await page.goto(`/projects/${project}/board`);
  const href = await page.locator('[data-card] a').first().getAttribute('href');
  return href!;
}

/** The address of a project's first milestone's own page. */
async function firstMilestone(page: Page, project: string): Promise<string> {
  await page.goto(`/projects/${project}/milestones`);
  const href = await page.locator('.milestone').first().getByRole('link', { name: /^(Comments|Comentarios)/ }).getAttribute('href');
  return href!;
}

async function photograph(page: Page, who: string, size: keyof typeof SIZES, shots: Shot[]) {
  for (const language of LANGUAGES) {
    await page.context().addCookies([
      { name: 'faro_lang', value: language, url: test.info().project.use.baseURL! },
    ]);
    for (const shot of shots) {
      await test.step(`${language} ${shot.name}`, async () => {
        await page.goto(shot.path);
        await hydrated(page);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        if (shot.missing) {
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND[language]);
        } else {
          await expect(page.getByText(ERROR_TITLE[language])).toHaveCount(0);
          await expect(page.getByRole('heading', { level: 1, name: NOT_FOUND[language] })).toHaveCount(0);
        }
        if (shot.shows) await expect(page.getByText(shot.shows[language])).toBeVisible();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${shot.path} is wider than the screen by ${overflow}px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${OUT}/${who}-${size}-${language}-${shot.name}.png`, fullPage: true });
      });
    }
  }
}

for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
  test(`staff pages on a ${size}, in English and Spanish`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await newPage(browser, size);
    await signIn(page, 'owner@demo.test');
    const shop = await projectId(page, 'Tienda online');
    const brand = await projectId(page, 'Brand refresh');
    const card = await firstCard(page, shop);
    const milestone = await firstMilestone(page, shop);
    await photograph(page, 'staff', size, [
      { name: 'home', path: '/' },
      { name: 'project', path: `/projects/${shop}` },
      { name: 'project-english', path: `/projects/${brand}` },
      { name: 'board', path: `/projects/${shop}/board` },
      { name: 'card', path: card },
      { name: 'milestones', path: `/projects/${shop}/milestones` },
      { name: 'milestone', path: milestone },
      { name: 'updates', path: `/projects/${shop}/updates` },
      { name: 'feedback', path: `/projects/${shop}/feedback` },
      { name: 'people', path: '/admin/people' },
      { name: 'mail', path: '/admin/mail' },
      { name: 'account', path: '/account' },
      { name: 'not-found', path: '/nowhere', missing: true },
    ]);
    await page.context().close();
  });

  test(`client pages on a ${size}, in English and Spanish`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await newPage(browser, size);
    await signIn(page, 'ana@cliente-uno.test');
    const shop = await projectId(page, 'Tienda online');
    const card = await firstCard(page, shop);
    const milestone = await firstMilestone(page, shop);
    await photograph(page, 'client', size, [
      { name: 'home', path: '/' },
      { name: 'project', path: `/projects/${shop}` },
      { name: 'board', path: `/projects/${shop}/board` },
      { name: 'card', path: card },
      { name: 'milestones', path: `/projects/${shop}/milestones` },
      { name: 'milestone', path: milestone },
      { name: 'updates', path: `/projects/${shop}/updates` },
      { name: 'account', path: '/account' },
      { name: 'not-found', path: '/nowhere', missing: true },
    ]);
    await page.context().close();
  });

  test(`pages before signing in on a ${size}, in English and Spanish`, async ({ browser }) => {
    test.setTimeout(120_000);
    // An owner hands out an invitation and a password link, as they would by email.
    const owner = await newPage(browser, 'laptop');
    await signIn(owner, 'owner@demo.test');
    const brand = await projectId(owner, 'Brand refresh');
    await owner.goto(`/projects/${brand}`);
    await hydrated(owner);
    await owner.getByLabel('Email').fill(`screenshots-${size}@client-two.test`);
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    const invitation = new URL(await owner.getByLabel('Invitation link').inputValue()).pathname;
    await owner.goto('/admin/people');
    await hydrated(owner);
    await owner.getByRole('row').filter({ hasText: 'Ana García' }).getByRole('button', { name: 'Password link' }).click();
    const reset = new URL(await owner.getByLabel('Password reset link').inputValue()).pathname;
    await owner.context().close();

    const page = await newPage(browser, size);
    await photograph(page, 'visitor', size, [
      { name: 'sign-in', path: '/login' },
      { name: 'sign-in-link', path: '/login/link' },
      { name: 'invitation', path: invitation },
      { name: 'password-link', path: reset },
      {
        name: 'expired-link',
        path: '/invite/no-such-invitation-link',
        shows: { en: 'This link no longer works', es: 'Este enlace ya no funciona' },
      },
    ]);
    await page.context().close();
  });
}
