// Journey: a client who would rather not keep a password asks for a sign-in link on the sign-in
// page. Without a mail server (the demo), the owner finds it in the outgoing mail; opening it in
// the client's own browser and pressing "Sign in" signs her in, once.
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

test('a client signs in with a link by email, once @nojs', async ({ page, browser }) => {
  // Both projects of the run share one database, and a newer link replaces the older one:
  // each asks for its own client.
  const [email, name] = withJavaScript()
    ? ['ana@cliente-uno.test', 'Ana García']
    : ['ben@client-two.test', 'Ben Carter'];
  await page.goto('/login');
  if (withJavaScript()) await hydrated(page);
  await page.getByRole('link', { name: /Sign in with a link by email instead/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in with an email link' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  // The demo sends no email: the link waits for the agency to pass it on.
  await expect(page.getByRole('status')).toContainText('a sign-in link is waiting for your agency');
  if (withJavaScript()) await expectNoSeriousViolations(page);

  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const owner = await context.newPage();
  await signIn(owner, 'owner@demo.test');
  await owner.goto('/admin/mail');
  const message = owner
    .locator('.mail-message')
    .filter({ hasText: email })
    .filter({ hasText: 'Your link to sign in' })
    .first();
  await expect(message).toContainText('Sign-in link');
  const url = await message.locator('.mail-links a').getAttribute('href');
  expect(url).toMatch(/\/login\/link\/[A-Za-z0-9_-]{43}$/);
  await context.close();

  const own = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await own.newPage();
  await client.goto(url!);
  await expect(client.getByRole('heading', { level: 1, name: 'Your sign-in link' })).toBeVisible();
  await expect(client.getByText(`Sign in as ${name}`)).toBeVisible();
  if (withJavaScript()) {
    await hydrated(client);
    await expectNoSeriousViolations(client);
  }
  await client.getByRole('button', { name: 'Sign in' }).click();
  await expect(client.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(client.getByRole('link', { name: new RegExp(name) })).toBeVisible();

  // The same link a second time, even in the same browser, leads nowhere.
  await client.goto(url!);
  await expect(client.getByText('This link no longer works')).toBeVisible();
  await own.close();
});
