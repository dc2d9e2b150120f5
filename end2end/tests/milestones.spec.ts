// Journey: a PM plans a milestone on the timeline, works it through to completed, and the client
// approves it from their own browser; the PM sees who approved. With and without JavaScript.
import { test, expect, type Page } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

async function openShopMilestones(page: Page) {
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: 'Milestones', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tienda online' })).toBeVisible();
  if (withJavaScript()) await hydrated(page);
}

function milestone(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
}

test('a PM completes a milestone and the client approves it @nojs', async ({ page, browser }) => {
  // Two people, two sign-ins and two accessibility scans: longer than one journey.
  test.setTimeout(60_000);
  await signIn(page, 'pm@demo.test');
  await openShopMilestones(page);
  // The demo's story: one at risk, with the reason in words.
  await expect(milestone(page, 'Pago y envíos')).toContainText(/At risk: due in 4 days, \d+ % done/);
  await expect(milestone(page, 'Tienda en preproducción')).toContainText('Waiting for the client since');
  await expect(page.getByRole('img', { name: 'The milestones on a time axis' })).toBeVisible();
  if (withJavaScript()) await expectNoSeriousViolations(page);

  // Both runs share one server: each plans its own milestone.
  const title = `Review ${withJavaScript() ? 'script' : 'plain'}`;
  const form = page.getByRole('region', { name: 'New milestone' });
  await form.getByLabel('Title').fill('   ');
  await form.getByRole('button', { name: 'Add milestone' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please fill this in.' })).toBeVisible();
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Due date').fill('2027-01-15');
  await form.getByRole('button', { name: 'Add milestone' }).click();
  const item = milestone(page, title);
  await expect(item).toContainText('Planned');
  await expect(item).toContainText('Due 15 Jan 2027');

  await item.getByRole('button', { name: 'Start' }).click();
  await expect(item.locator('.status-badge')).toHaveText('In progress');
  await item.getByRole('button', { name: 'Mark completed' }).click();
  await expect(item).toContainText('Waiting for the client since');

  // The client, in a browser of their own.
  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await context.newPage();
  await signIn(client, 'ana@cliente-uno.test');
  await openShopMilestones(client);
  const theirs = milestone(client, title);
  await expect(theirs).toContainText('Waiting for your sign-off');
  await expect(client.getByRole('button', { name: 'Mark completed' })).toHaveCount(0);
  if (withJavaScript()) await expectNoSeriousViolations(client);
  await theirs.getByRole('button', { name: 'Approve' }).click();
  await expect(theirs).toContainText('Approved by Ana García on');
  await expect(theirs.locator('.status-badge')).toHaveText('Approved');
  await expect(theirs.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await context.close();

  // The PM's page follows the project's live stream; without JavaScript, a reload shows it.
  if (!withJavaScript()) await page.reload();
  await expect(milestone(page, title)).toContainText('Approved by Ana García on', { timeout: 5_000 });
});

test('a PM links a card to a milestone, and the board shows only that milestone\'s cards @nojs', async ({ page }) => {
  await signIn(page, 'pm@demo.test');
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: 'Board', exact: true }).click();
  if (withJavaScript()) await hydrated(page);
  // Both runs share one server: each links its own card.
  const card = withJavaScript() ? 'Búsqueda que tolera erratas' : 'Fotos de producto de la colección de primavera';
  await page.getByRole('link', { name: card }).click();
  const dialog = page.getByRole('dialog', { name: card });
  await dialog.getByText('Edit the card').click();
  await dialog.getByLabel('Milestone').selectOption({ label: 'Lanzamiento' });
  await dialog.getByRole('button', { name: 'Save the card' }).click();
  await expect(dialog.locator('.card-facts')).toContainText('Lanzamiento');

  const project = new URL(page.url()).pathname.match(/^\/projects\/(\d+)/)![1];
  await page.goto(`/projects/${project}/milestones`);
  await milestone(page, 'Lanzamiento').getByRole('link', { name: 'Its cards on the board' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Only the cards of the milestone “Lanzamiento”.' })).toBeVisible();
  await expect(page.locator('[data-card]', { hasText: card })).toContainText('Lanzamiento');
  await expect(page.locator('[data-card]', { hasText: 'Tarjetas regalo' })).toBeVisible();
  await expect(page.locator('[data-card]', { hasText: 'Pago con tarjeta y Bizum' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Show all cards' }).click();
  // A card of the milestone at risk says so, and the header counts it.
  await expect(page.locator('[data-card]', { hasText: 'Pago con tarjeta y Bizum' })).toContainText(/Pago y envíos · due in 4 days, \d+ % done/);
  await expect(page.getByRole('link', { name: '1 at risk' })).toBeVisible();
});

test('a PM moves a milestone up the list and deletes one @nojs', async ({ page }) => {
  await signIn(page, 'pm@demo.test');
  await openShopMilestones(page);
  const titles = () => page.locator('.milestone-list .milestone-head h2').allTextContents();
  // Both runs share one server: each plans its own two milestones.
  const first = `Sooner ${withJavaScript() ? 'script' : 'plain'}`;
  const second = `Later ${withJavaScript() ? 'script' : 'plain'}`;
  for (const title of [second, first]) {
    const form = page.getByRole('region', { name: 'New milestone' });
    await form.getByLabel('Title').fill(title);
    await form.getByRole('button', { name: 'Add milestone' }).click();
    await expect(milestone(page, title)).toBeVisible();
  }
  let now = await titles();
  expect(now.indexOf(first)).toBe(now.indexOf(second) + 1);
  await milestone(page, first).getByRole('button', { name: 'Move up' }).click();
  await expect.poll(async () => { now = await titles(); return now.indexOf(first) < now.indexOf(second); }).toBe(true);
  expect(now.indexOf(second)).toBe(now.indexOf(first) + 1);

  // Deleting asks first; a milestone without cards has nothing else to ask.
  const item = milestone(page, second);
  await item.getByText('Delete…').click();
  await expect(item).toContainText('Its sign-offs and history go with it.');
  await expect(item.getByRole('group', { name: /cards? (are|is) linked/ })).toHaveCount(0);
  await item.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(milestone(page, second)).toHaveCount(0);
  await expect(milestone(page, first)).toBeVisible();
  // A milestone with cards asks, on a page of its own, where they go; cancelling changes nothing.
  await milestone(page, 'Lanzamiento').getByRole('link', { name: 'Delete…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delete the milestone “Lanzamiento”?' })).toBeVisible();
  await expect(page.getByRole('group', { name: /cards are linked to this milestone/ })).toBeVisible();
  await expect(page.getByLabel('Keep them on the board, without a milestone')).toBeChecked();
  await expect(page.getByLabel('Link them to “Pago y envíos”')).toBeVisible();
  if (withJavaScript()) await expectNoSeriousViolations(page);
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(milestone(page, 'Lanzamiento')).toBeVisible();
});

test('asking for changes needs a word on what, and reopens the milestone', async ({ page, browser }) => {
  await signIn(page, 'pm@demo.test');
  await openShopMilestones(page);
  const title = 'Changes wanted';
  const form = page.getByRole('region', { name: 'New milestone' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Add milestone' }).click();
  await milestone(page, title).getByRole('button', { name: 'Mark completed' }).click();
  await expect(milestone(page, title)).toContainText('Waiting for the client since');

  const context = await browser.newContext();
  const client = await context.newPage();
  await signIn(client, 'ana@cliente-uno.test');
  await openShopMilestones(client);
  const theirs = milestone(client, title);
  await theirs.getByRole('button', { name: 'Ask for changes' }).click();
  await expect(client.getByRole('alert').filter({ hasText: 'Please fill this in.' })).toBeVisible();
  await theirs.getByLabel('What should change?').fill('Add the shipping cost to the total.');
  await theirs.getByRole('button', { name: 'Ask for changes' }).click();
  await expect(theirs).toContainText('Ana García asked for changes on');
  await expect(theirs).toContainText('Add the shipping cost to the total.');
  await expect(theirs.locator('.status-badge')).toHaveText('In progress');
  await context.close();
});
