// Journey: a client chooses on her account page whether Faro emails her about new status
// updates; a PM publishes one; the message (read here from the owner's outgoing mail, as the
// demo sends none) carries an unsubscribe link that works without signing in, and her account
// page then shows the mail off. With and without JavaScript.
import { test, expect, type Page } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

function updateMail(page: Page) {
  const panel = page.getByRole('region', { name: 'Email' });
  const group = { name: 'When a status update is published' };
  const choice = panel.getByRole('group', group);
  // Each kind of mail is its own form, with its own button and answer.
  const form = panel.locator('form').filter({ has: page.getByRole('group', group) });
  return {
    panel,
    rightAway: choice.getByLabel('Email me right away'),
    off: choice.getByLabel('No email (I read them in Faro)'),
    save: form.getByRole('button', { name: 'Save' }),
    status: form.getByRole('status'),
  };
}

/** With JavaScript the form says so in place; without, the page it leads back to says so. */
async function expectSaved(page: Page) {
  await expect(updateMail(page).status).toHaveText('Saved.');
}

test('a client chooses her email and unsubscribes from a message without signing in @nojs', async ({ page, browser }) => {
  test.setTimeout(60_000);
  // A client of her own (both projects of the run share one database), invited by the PM and
  // joining through the calls the invitation page makes.
  const staff = await browser.newContext();
  const pm = await staff.newPage();
  await signIn(pm, 'pm@demo.test');
  // Staff choose only about mentions: updates, milestones and forms are theirs to send.
  await pm.goto('/account');
  const staffMail = pm.getByRole('region', { name: 'Email' });
  await expect(staffMail.getByRole('group', { name: 'When someone mentions you in a comment' })).toBeVisible();
  await expect(staffMail.getByRole('group')).toHaveCount(1);
  await pm.goto('/');
  // Brand refresh: the updates journey reads what Tienda online's last update suggests.
  const href = await pm.getByRole('link', { name: 'Brand refresh' }).first().getAttribute('href');
  const project = href!.split('/').pop()!;
  const email = `avisos-${withJavaScript() ? 'js' : 'nojs'}-${Date.now()}@client-two.test`;
  const invited = await pm.request.post('/api/accounts/invite_person', {
    form: { project, email, role: 'client' },
  });
  expect(invited.ok()).toBeTruthy();
  const token = (await invited.json()).Link.url.split('/').pop();
  const joined = await page.request.post('/api/accounts/accept_invitation', {
    form: { token, name: 'Clara Avisos', password: 'clara-long-password-2026' },
  });
  expect(joined.ok()).toBeTruthy();

  await page.goto('/account');
  if (withJavaScript()) await hydrated(page);
  let mail = updateMail(page);
  await expect(mail.rightAway).toBeChecked();
  // A client chooses about everything that waits for her or answers her.
  for (const kind of [
    'When a milestone waits for your sign-off',
    'When a feedback form waits for your answers',
    'When your question is answered',
    'When someone mentions you in a comment',
  ]) {
    await expect(mail.panel.getByRole('group', { name: kind })).toBeVisible();
  }
  await mail.off.check();
  await mail.save.click();
  await expectSaved(page);
  await page.reload();
  mail = updateMail(page);
  await expect(mail.off).toBeChecked();
  if (withJavaScript()) {
    await hydrated(page);
    await expectNoSeriousViolations(page);
  }
  await mail.rightAway.check();
  await mail.save.click();
  await expectSaved(page);

  // The PM publishes an update, through the calls the composer makes.
  const summary = `Unsubscribe journey (${withJavaScript() ? 'script' : 'plain'})`;
  const saved = await pm.request.post('/api/updates/save_update', {
    form: { project, health: 'on_track', summary },
  });
  expect(saved.ok()).toBeTruthy();
  const update = String(await saved.json());
  const published = await pm.request.post('/api/updates/publish_update', {
    form: { project, update, version: '1' },
  });
  expect(published.ok()).toBeTruthy();
  await staff.close();

  const owners = await browser.newContext();
  const owner = await owners.newPage();
  await signIn(owner, 'owner@demo.test');
  await owner.goto('/admin/mail');
  const message = owner.locator('.mail-message').filter({ hasText: email }).filter({ hasText: summary });
  await expect(message).toContainText('New status update');
  const unsubscribe = await message.locator('.mail-links a', { hasText: '/unsubscribe/' }).getAttribute('href');
  await owners.close();

  // Anyone holding the message, signed in or not.
  const fresh = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const reader = await fresh.newPage();
  await reader.goto(unsubscribe!);
  await expect(reader.getByRole('heading', { level: 1, name: 'Unsubscribe' })).toBeVisible();
  await expect(reader.getByText(`Stop the emails about new status updates to ${email}?`)).toBeVisible();
  if (withJavaScript()) {
    await hydrated(reader);
    await expectNoSeriousViolations(reader);
  }
  await reader.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(reader.getByRole('status')).toContainText(`no more emails about new status updates to ${email}`);
  await fresh.close();

  await page.goto('/account');
  await expect(updateMail(page).off).toBeChecked();
});
