// Journey: someone opens Faro, sees the organization's projects, and reads it in Spanish.
import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, expectNoSeriousViolations, hydrated, signIn } from './helpers';

test('the home page lists the demo projects with their client @nojs', async ({ page }) => {
  await signIn(page, 'pm@demo.test');
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(page.getByText('Every project your team runs, with the client it is for.')).toBeVisible();
  await expect(page.getByRole('banner').getByText('Lighthouse Studio')).toBeVisible();
  const projects = page.locator('.project-list');
  const shop = projects.getByRole('listitem').filter({ hasText: 'Tienda online' });
  await expect(shop).toContainText('Cliente Uno S.L.');
  const brand = projects.getByRole('listitem').filter({ hasText: 'Brand refresh' });
  await expect(brand).toContainText('Client Two Ltd');
});

test('a client sees only their own project @nojs', async ({ page }) => {
  await signIn(page, 'ana@cliente-uno.test');
  // The page speaks to the client, not to the team that runs the projects.
  await expect(page.getByText('The projects Lighthouse Studio shares with you.')).toBeVisible();
  await expect(page.getByText('Every project your team runs')).toHaveCount(0);
  await expect(page.locator('.project-list').getByRole('listitem').filter({ hasText: 'Tienda online' })).toBeVisible();
  await expect(page.getByText('Brand refresh')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('a wrong password is explained and signs nobody in @nojs', async ({ page }) => {
  await page.goto('/login');
  if (test.info().project.name === 'hydrated') await hydrated(page);
  await page.getByLabel('Email').fill('pm@demo.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That email and password do not match. Check both and try again.',
  );
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('switching to Spanish and back happens in place, and is remembered', async ({ page }) => {
  // Console errors would reveal a script blocked by the page's security policy, or a failed hydration.
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await signIn(page, 'pm@demo.test');
  await hydrated(page);
  // A full page load would wipe this marker: its survival proves the switch ran in the app.
  await page.evaluate(() => ((window as any).__sameDocument = true));

  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Proyectos' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('button', { name: 'Español' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('2 proyectos')).toBeVisible();
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Proyectos' })).toBeVisible();

  await hydrated(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(consoleErrors).toEqual([]);
});

test('switching language is a plain form that works with or without JavaScript @nojs', async ({ page }) => {
  await signIn(page, 'pm@demo.test');
  await page.getByRole('button', { name: 'Español' }).click();
  // Back on the same page (the server may leave an empty query behind).
  await expect(page).toHaveURL(/:\d+\/\??$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Proyectos' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
});

test('an unknown address shows a page that leads back @nojs', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to projects' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

for (const language of ['en', 'es']) {
  test(`sign-in, home, account, project and people pages have no serious accessibility violations (${language})`, async ({ browser }) => {
    const context = await browser.newContext({ locale: language, extraHTTPHeaders: { 'Accept-Language': language } });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expectNoSeriousViolations(page);
    await hydrated(page);
    await page.locator('#email').fill('pm@demo.test');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await expect(page.locator('.project-card').filter({ hasText: 'Tienda online' })).toBeVisible();
    await expectNoSeriousViolations(page);
    // The account page, reached from the name in the header.
    await page.locator('.user-name').click();
    await expect(page.locator('#timezone')).toBeVisible();
    await expectNoSeriousViolations(page);
    // A project's page, with its invite form.
    await page.goto('/');
    await page.locator('.project-card a').first().click();
    await expect(page.locator('#invite-title')).toBeVisible();
    await expectNoSeriousViolations(page);
    // The people page, with the team and the clients.
    await page.locator('.site-nav a[href="/admin/people"]').click();
    await expect(page.locator('.people-table').first()).toContainText('Pablo Martín');
    await expectNoSeriousViolations(page);
    await context.close();
  });
}
