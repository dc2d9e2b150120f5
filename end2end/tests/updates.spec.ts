// Journey: a PM drafts a status update (the composer suggests what was done from the last one's
// next steps), sees it as the client will, publishes it; the client, in their own browser, sees
// it arrive and says they have seen it; the PM sees who has. With and without JavaScript.
import { test, expect, type Page } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

async function openShopUpdates(page: Page) {
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: 'Updates', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tienda online' })).toBeVisible();
  if (withJavaScript()) await hydrated(page);
}

/** Goes to an update's own page (its title links there), where nothing else is listed. */
async function openOwnPage(page: Page, item: ReturnType<typeof update>, summary: string) {
  const href = await item.getByRole('link', { name: summary }).getAttribute('href');
  await page.goto(href!);
  await expect(page.getByRole('link', { name: 'All updates' })).toBeVisible();
  if (withJavaScript()) await hydrated(page);
}

function update(page: Page, summary: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: summary }) });
}

test('a PM publishes an update and the client marks it seen @nojs', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await signIn(page, 'pm@demo.test');
  await openShopUpdates(page);
  // The demo's three updates, newest first; the composer offers the last "next steps".
  await expect(update(page, 'Pago validado; la preproducción espera tu visto bueno')).toContainText('Not seen yet by Ana García');
  const composer = page.getByRole('region', { name: 'New update' });
  // (Both runs share one server: after the first, the last update is one the journeys published.)
  await expect(composer.getByLabel('Done since the last update')).toHaveValue(/^- (Bizum y el correo de confirmación|Gift cards\.)/);
  if (withJavaScript()) await expectNoSeriousViolations(page);

  // An empty summary is refused; with JavaScript what was written stays on the page.
  const summary = `Shipping rates live (${withJavaScript() ? 'script' : 'plain'})`;
  await composer.getByLabel('Next steps').fill('- Gift cards.');
  await composer.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please fill this in.' })).toBeVisible();
  if (withJavaScript()) await expect(composer.getByLabel('Next steps')).toHaveValue('- Gift cards.');
  else await composer.getByLabel('Next steps').fill('- Gift cards.');
  await composer.getByLabel('Summary in one line').fill(summary);
  await composer.getByLabel('At risk').check();
  await composer.getByRole('button', { name: 'Save the draft' }).click();
  const mine = update(page, summary);
  await expect(mine).toContainText('Draft: only your team sees this.');
  await expect(mine.getByRole('heading', { level: 3, name: 'Next steps' })).toBeVisible();
  await expect(mine).toContainText('Gift cards.');

  // The client, in a browser of their own: no draft.
  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await context.newPage();
  await signIn(client, 'ana@cliente-uno.test');
  await openShopUpdates(client);
  await expect(update(client, 'El alta con el proveedor de pago va lenta')).toBeVisible();
  await expect(update(client, summary)).toHaveCount(0);
  await expect(client.getByRole('region', { name: 'New update' })).toHaveCount(0);

  // Published from the draft's own page: the shared feed may redraw while the other run adds
  // its own drafts.
  await openOwnPage(page, mine, summary);
  await mine.getByRole('button', { name: 'Publish to the client' }).click();
  await expect(mine).not.toContainText('Draft: only your team sees this.');
  await expect(mine).toContainText('Not seen yet by Ana García');

  // Live with JavaScript; a reload without.
  if (!withJavaScript()) await client.reload();
  const theirs = update(client, summary);
  await expect(theirs).toContainText('At risk', { timeout: 5_000 });
  await expect(theirs).toContainText('Published on');
  if (withJavaScript()) await expectNoSeriousViolations(client);
  await openOwnPage(client, theirs, summary);
  await theirs.getByRole('button', { name: 'Seen' }).click();
  await expect(theirs).toContainText('You told the team you have seen this update.');
  // A question for the team.
  await theirs.getByLabel('Add a comment').fill('When do gift cards arrive?');
  await theirs.getByLabel('This is a question for the team').check();
  await theirs.getByRole('button', { name: 'Comment' }).click();
  const question = theirs.locator('.comment', { hasText: 'When do gift cards arrive?' });
  await expect(question).toContainText("Waiting for the team's answer");

  if (!withJavaScript()) await page.reload();
  await expect(update(page, summary)).toContainText('Seen by Ana García', { timeout: 5_000 });
  const asked = update(page, summary).locator('.comment', { hasText: 'When do gift cards arrive?' });
  await expect(asked).toContainText(/Open 0 h — commitment \d+ h/);
  await update(page, summary).getByLabel('Add a comment').fill('Next Monday, with the shipping rates.');
  await update(page, summary).getByRole('button', { name: 'Comment' }).click();
  await expect(asked).toContainText('Answered');

  if (!withJavaScript()) await client.reload();
  await expect(question).toContainText('Answered', { timeout: 5_000 });
  await expect(theirs).toContainText('Next Monday, with the shipping rates.');
  await context.close();
});

test('a published update corrected shows "edited", and its earlier text stays for staff', async ({ page }) => {
  await signIn(page, 'pm@demo.test');
  await openShopUpdates(page);
  const item = update(page, 'Diseño aprobado; empezamos a montar la tienda');
  // Corrected on its own page (the feed links there).
  await item.getByRole('link', { name: 'Correct…' }).click();
  await expect(page.getByRole('link', { name: 'All updates' })).toBeVisible();
  if (withJavaScript()) await hydrated(page);
  await item.getByText('Correct…').click();
  await item.getByLabel('Summary in one line').fill('Diseño aprobado; la tienda ya se está montando');
  await item.getByRole('button', { name: 'Save', exact: true }).click();
  const corrected = update(page, 'Diseño aprobado; la tienda ya se está montando');
  await expect(corrected).toContainText('edited on');
  await corrected.getByText('Earlier versions (your team only)').click();
  await expect(corrected).toContainText('Diseño aprobado; empezamos a montar la tienda');
});

test('a PM asks the client to decide, and the client chooses an option @nojs', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await signIn(page, 'pm@demo.test');
  await openShopUpdates(page);
  const summary = `Hosting plan (${withJavaScript() ? 'script' : 'plain'})`;
  const composer = page.getByRole('region', { name: 'New update' });
  await composer.getByLabel('Summary in one line').fill(summary);
  // (Its next steps are the ones the other journey expects to be offered next.)
  await composer.getByLabel('Next steps').fill('- Gift cards.');
  await composer.getByLabel('What should the client decide?').fill('Which hosting plan?');
  const a = composer.getByRole('group', { name: 'Option A' });
  await a.getByLabel('What it is').fill('Shared hosting');
  await a.getByLabel('Cost').fill('10 € a month');
  const b = composer.getByRole('group', { name: 'Option B' });
  await b.getByLabel('What it is').fill('Dedicated server');
  await b.getByLabel('Cost').fill('80 € a month');
  await b.getByLabel('Recommended').check();
  await composer.getByRole('button', { name: 'Save the draft' }).click();
  const mine = update(page, summary);
  await expect(mine).toContainText('A decision for the client: Which hosting plan?');
  await expect(mine.locator('.decision-option', { hasText: 'Dedicated server' })).toContainText('Recommended');
  await openOwnPage(page, mine, summary);
  await mine.getByRole('button', { name: 'Publish to the client' }).click();
  await expect(mine).toContainText("Waiting for the client's choice.");

  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await context.newPage();
  await signIn(client, 'ana@cliente-uno.test');
  // The project list tells the client a decision waits.
  await expect(client.getByRole('link', { name: /decisions? waits? for you/ }).first()).toBeVisible();
  await openShopUpdates(client);
  const theirs = update(client, summary);
  await expect(theirs).toContainText('Waiting for you: choose one of the options.');
  if (withJavaScript()) await expectNoSeriousViolations(client);
  await openOwnPage(client, theirs, summary);
  // Before choosing, a question about the decision: it goes to the team as a question.
  const decision = theirs.getByRole('region', { name: /A decision for you/ });
  await decision.locator('summary', { hasText: 'Ask a question about this decision' }).click();
  await decision.getByLabel('Ask a question about this decision').fill('Does the dedicated server include backups?');
  await decision.getByRole('button', { name: 'Comment' }).click();
  await expect(theirs.locator('.comment', { hasText: 'Does the dedicated server include backups?' })).toContainText(
    "Waiting for the team's answer",
  );
  await theirs.getByLabel(/Shared hosting/).check();
  await theirs.getByRole('button', { name: 'Choose' }).click();
  await expect(theirs).toContainText('Ana García chose option A on');
  await expect(theirs.getByRole('button', { name: 'Choose' })).toHaveCount(0);
  await context.close();

  if (!withJavaScript()) await page.reload();
  await expect(update(page, summary)).toContainText('Ana García chose option A on', { timeout: 5_000 });
});
