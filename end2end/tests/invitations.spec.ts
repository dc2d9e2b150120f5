// Journey: a PM invites a client to a project; the client opens the link in their own browser,
// chooses a name and a password, and lands in the project.
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

test('a PM invites a client, who joins from another browser and lands in the project @nojs', async ({
  page,
  browser,
}) => {
  await signIn(page, 'pm@demo.test');
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tienda online' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Ana García' })).toContainText('Client');

  // Both projects of the run share one database: each invites its own person.
  const email = `nora-${withJavaScript() ? 'js' : 'nojs'}@cliente-uno.test`;
  const name = `Nora ${withJavaScript() ? 'Script' : 'Plain'}`;
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(page.getByText(`Send this link to ${email}. It works once, until`)).toBeVisible();
  const link = page.getByLabel('Invitation link');
  const url = await link.inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
  if (withJavaScript()) {
    await expect(page.getByText('Invitations waiting for an answer')).toBeVisible();
    await expectNoSeriousViolations(page);
  }

  // The client, in a browser of their own.
  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await context.newPage();
  await client.goto(url);
  await expect(
    client.getByText('Pablo Martín invited you to the project “Tienda online” at Lighthouse Studio.'),
  ).toBeVisible();
  await expect(client.getByLabel('Email')).toHaveValue(email);
  if (withJavaScript()) {
    await hydrated(client);
    await expectNoSeriousViolations(client);
  }
  await client.getByLabel('Your name').fill(name);
  await client.getByLabel('Password').fill('short');
  await client.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(client.getByRole('alert')).toHaveText('Use at least 10 characters.');

  await client.getByLabel('Your name').fill(name);
  await client.getByLabel('Password').fill('a long enough password');
  await client.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(client).toHaveURL(/\/projects\/\d+$/);
  await expect(client.getByRole('heading', { level: 1, name: 'Tienda online' })).toBeVisible();
  await expect(client.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  await expect(client.getByRole('heading', { name: 'Invite someone' })).toHaveCount(0);
  await expect(client.getByRole('banner')).toContainText(name);

  // The link worked once.
  const someoneElse = await (await browser.newContext()).newPage();
  await someoneElse.goto(url);
  await expect(someoneElse.getByText('This link has expired or was already used.')).toBeVisible();
  await context.close();
});
