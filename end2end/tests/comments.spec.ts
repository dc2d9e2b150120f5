// Journey: a client comments on a card, asks the PM a question and names him; the PM's home page
// lists the mention and the open question with its age; he follows the link to the card, answers,
// and the question closes. A milestone has its own page with its conversation. With and without
// JavaScript (both runs share one server: each writes its own text).
import { test, expect, type Page } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

const run = () => (withJavaScript() ? 'script' : 'plain');

async function openShopBoard(page: Page) {
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: 'Board', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Pendiente' })).toBeVisible();
  if (withJavaScript()) await hydrated(page);
}

test('a client asks on a card, the PM sees it on his home page and answers @nojs', async ({ page, browser }) => {
  test.setTimeout(60_000);
  const asked = `@Pablo Martín ¿las tarifas incluyen Canarias? (${run()})`;
  const client = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const ana = await client.newPage();
  await signIn(ana, 'ana@cliente-uno.test');
  await openShopBoard(ana);
  await ana.getByRole('link', { name: 'Tarifas de envío por región' }).click();
  const card = ana.getByRole('dialog', { name: 'Tarifas de envío por región' });
  const conversation = card.getByRole('region', { name: /Comments/ });
  await expect(conversation).toBeVisible();
  if (withJavaScript()) await hydrated(ana);
  // Nothing written: the form says so and nothing is added.
  if (withJavaScript()) {
    await conversation.getByRole('button', { name: 'Comment' }).click();
    await expect(conversation.getByLabel('Add a comment')).toHaveAttribute('required', '');
  }
  await conversation.getByLabel('Add a comment').fill(asked);
  await conversation.getByLabel('This is a question for the team').check();
  await conversation.getByRole('button', { name: 'Comment' }).click();
  const question = card.locator('.comment', { hasText: asked });
  await expect(question).toContainText("Waiting for the team's answer");
  if (withJavaScript()) await expectNoSeriousViolations(ana);

  // The PM's home page: the mention and the open question, with its age.
  await signIn(page, 'pm@demo.test');
  const mentions = page.getByRole('region', { name: 'Mentioned you' });
  const mention = mentions.getByRole('listitem').filter({ hasText: asked });
  await expect(mention).toContainText('Ana García mentioned you in Tienda online');
  const open = page.getByRole('region', { name: 'Open client questions' });
  await expect(open.getByRole('listitem').filter({ hasText: asked })).toContainText(/Open 0 h — commitment \d+ h/);
  if (withJavaScript()) {
    await hydrated(page);
    await expectNoSeriousViolations(page);
  }
  await mention.getByRole('link').click();
  const theirCard = page.getByRole('dialog', { name: 'Tarifas de envío por región' });
  const reply = theirCard.getByRole('region', { name: /Comments/ });
  await expect(reply.locator('.comment', { hasText: asked })).toContainText(/Open 0 h/);
  if (withJavaScript()) await hydrated(page);
  await reply.getByLabel('Add a comment').fill(`Sí, con recargo (${run()}).`);
  await reply.getByRole('button', { name: 'Comment' }).click();
  await expect(reply.locator('.comment', { hasText: asked })).toContainText('Answered');

  // The client sees the answer: live with JavaScript, on reload without.
  if (!withJavaScript()) await ana.reload();
  await expect(question).toContainText('Answered', { timeout: 5_000 });
  await expect(card).toContainText(`Sí, con recargo (${run()}).`);
  await client.close();

  // Back home: the question has left the list; the mention stays until marked read.
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Open client questions' }).getByText(asked)).toHaveCount(0);
  if (withJavaScript()) await hydrated(page);
  const stillThere = page.getByRole('region', { name: 'Mentioned you' }).getByRole('listitem').filter({ hasText: asked });
  await stillThere.getByRole('button', { name: 'Mark read' }).click();
  await expect(page.getByText(asked)).toHaveCount(0);
});

test('a milestone has its own page with its conversation @nojs', async ({ page }) => {
  await signIn(page, 'ana@cliente-uno.test');
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: 'Milestones', exact: true }).click();
  const first = page.locator('.milestone').first();
  const title = (await first.getByRole('heading', { level: 2 }).textContent())!;
  await first.getByRole('link', { name: /^Comments/ }).click();
  await expect(page.getByRole('link', { name: 'All milestones' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  if (withJavaScript()) await hydrated(page);
  const conversation = page.getByRole('region', { name: 'Comments' });
  const text = `¿Podemos revisar esto el jueves? (${run()})`;
  await conversation.getByLabel('Add a comment').fill(text);
  await conversation.getByRole('button', { name: 'Comment' }).click();
  await expect(conversation.locator('.comment', { hasText: text })).toContainText('Ana García');
  if (withJavaScript()) await expectNoSeriousViolations(page);
  // Back on the timeline, the milestone counts it.
  await page.getByRole('link', { name: 'All milestones' }).click();
  await expect(page.locator('.milestone').first().getByRole('link', { name: /^Comments \(\d+\)/ })).toBeVisible();
});
