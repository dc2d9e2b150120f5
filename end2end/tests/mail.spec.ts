// Journey: without a mail server (the demo), an owner finds the invitation a PM made waiting in
// the outgoing mail, and its link works in the invited person's own browser.
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

test('an owner follows a waiting invitation from the outgoing mail @nojs', async ({ page, browser }) => {
  // Both projects of the run share one database: each invites its own person.
  const email = `correo-${withJavaScript() ? 'js' : 'nojs'}@cliente-uno.test`;
  await signIn(page, 'pm@demo.test');
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tienda online' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(page.getByText(`Send this link to ${email}.`)).toBeVisible();
  // Only owners read the organization's mail.
  await expect(page.getByRole('link', { name: 'Mail', exact: true })).toHaveCount(0);

  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const owner = await context.newPage();
  await signIn(owner, 'owner@demo.test');
  await owner.getByRole('link', { name: 'Mail', exact: true }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Outgoing mail' })).toBeVisible();
  await expect(owner.getByText(/No mail server is set up/)).toBeVisible();
  const message = owner.locator('.mail-message').filter({ hasText: email });
  await expect(message).toContainText('Waiting to be sent');
  await expect(message).toContainText('Lighthouse Studio invites you to Tienda online on Faro');
  if (withJavaScript()) {
    await hydrated(owner);
    await expectNoSeriousViolations(owner);
  }
  const link = message.locator('.mail-links a');
  const url = await link.getAttribute('href');
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const fresh = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const invited = await fresh.newPage();
  await invited.goto(url!);
  await expect(invited.getByLabel('Email')).toHaveValue(email);
  await fresh.close();
  await context.close();
});
