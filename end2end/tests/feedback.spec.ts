// Journey: the client approves a milestone; a check-in form waits on their home page; they answer
// it (a low score, with a comment); the PM opens the project's Feedback tab and sees the answer,
// the CSAT and the low-score flag. With and without JavaScript (one server: each run its own
// milestone).
import { test, expect, type Page } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

async function openShop(page: Page, tab: string) {
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: tab, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tienda online' })).toBeVisible();
  if (withJavaScript()) await hydrated(page);
}

function milestone(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
}

test('an approved milestone asks the client how it went, and the PM sees the answer @nojs', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const title = `Checkout copy (${withJavaScript() ? 'script' : 'plain'})`;
  await signIn(page, 'pm@demo.test');
  await openShop(page, 'Milestones');
  const form = page.getByRole('region', { name: 'New milestone' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Add milestone' }).click();
  const item = milestone(page, title);
  await item.getByRole('button', { name: 'Start' }).click();
  await expect(item.locator('.status-badge')).toHaveText('In progress');
  await item.getByRole('button', { name: 'Mark completed' }).click();
  await expect(item).toContainText('Waiting for the client since');

  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await context.newPage();
  await signIn(client, 'ana@cliente-uno.test');
  await openShop(client, 'Milestones');
  await milestone(client, title).getByRole('button', { name: 'Approve' }).click();
  await expect(milestone(client, title)).toContainText('Approved by Ana García on');

  // Home: the form waits, and leads to its page.
  await client.goto('/');
  const waiting = client.getByRole('region', { name: 'Forms waiting for you' });
  await waiting.getByRole('link', { name: new RegExp(title.replace(/[()]/g, '\\$&')) }).click();
  await expect(client.getByRole('heading', { level: 1 })).toBeVisible();
  if (withJavaScript()) {
    await hydrated(client);
    await expectNoSeriousViolations(client);
  }
  const satisfaction = client.getByRole('group', { name: /^1\. How satisfied are you/ });
  await satisfaction.getByLabel('2', { exact: true }).check();
  await client.getByLabel(/^2\. What could we have done better/).fill('The copy arrived late; tell us sooner.');
  await client.getByRole('button', { name: 'Send my answers' }).click();
  if (withJavaScript()) {
    await expect(client.getByRole('status')).toContainText('Thank you: your answers are saved.');
  }
  // Its answers stay on the form, to change while it is open; it leaves the home page.
  if (!withJavaScript()) await client.reload();
  await expect(client.getByRole('group', { name: /^1\. How satisfied/ }).getByLabel('2', { exact: true })).toBeChecked();
  await client.goto('/');
  await expect(client.getByRole('link', { name: new RegExp(title.replace(/[()]/g, '\\$&')) })).toHaveCount(0);
  await context.close();

  // The PM's Feedback tab: the answer, the score and the flag.
  await page.goto('/');
  await openShop(page, 'Feedback');
  const results = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(title.replace(/[()]/g, '\\$&')) }) });
  await expect(results).toContainText('2.0 average · 0 % satisfied (4–5) · 1 answer');
  await expect(results).toContainText('Needs attention');
  await expect(results).toContainText('The copy arrived late; tell us sooner.');
  await expect(results).toContainText('1 low score: this relationship needs attention.');
  await expect(results.getByRole('link', { name: 'Download the answers (CSV)' })).toHaveAttribute('href', /responses\.csv$/);
  await expect(page.getByRole('region', { name: 'Scores across the project' }).getByRole('img', { name: 'CSAT' })).toBeVisible();
  if (withJavaScript()) await expectNoSeriousViolations(page);
  // Someone says what was done: the flag becomes a note.
  const note = results.getByLabel('What was done about it (your team only)');
  await note.fill('Called Ana; the copy comes a week earlier next time.');
  await results.getByRole('button', { name: 'Mark handled' }).click();
  await expect(results).toContainText('Handled by Pablo Martín on');
  await expect(results).toContainText('Called Ana; the copy comes a week earlier next time.');
  await expect(results.getByRole('button', { name: 'Mark handled' })).toHaveCount(0);
  // The staff home: the organization's scores over the last 90 days.
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Client feedback, last 90 days' })).toContainText(/CSAT\s*\d\.\d average/);
});

test('a refused answer comes back with what was typed @nojs', async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The PM sends the shop's clients a project-close form; Carlos (whose account no journey
  // changes) answers it. A refused answer saves nothing, so both runs can share his forms.
  await signIn(page, 'pm@demo.test');
  await openShop(page, 'Feedback');
  const send = page.getByRole('region', { name: 'Send a form' });
  await send.getByLabel('Form').selectOption({ label: 'Project close (CSAT, NPS, quote consent)' });
  await send.getByLabel('Language of the questions').selectOption({ label: 'English' });
  await send.getByRole('button', { name: 'Send to the client' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Project close/ }).first()).toBeVisible();

  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await context.newPage();
  await signIn(client, 'carlos@cliente-uno.test');
  const waiting = client.getByRole('region', { name: 'Forms waiting for you' });
  await waiting.getByRole('link', { name: /Project close/ }).first().click();
  await expect(client.getByRole('heading', { level: 1 })).toBeVisible();
  if (withJavaScript()) await hydrated(client);
  // A browser stops a form whose required score is missing; the server must still refuse it
  // (an older browser, a script), so this one is sent as such a browser would.
  await client.locator('form.feedback-form').evaluate((form: HTMLFormElement) => { form.noValidate = true; });
  const wentWell = client.getByLabel(/^3\. What went well/);
  await wentWell.fill('The weekly calls, and "straight" answers.');
  const quote = client.getByRole('group', { name: /^5\. May we quote you/ });
  await quote.getByRole('radio').first().check();
  await client.getByRole('button', { name: 'Send my answers' }).click();
  await expect(client.getByRole('alert')).toContainText('Please answer questions 1, 2: they are required. Your other answers are kept.');
  await expect(wentWell).toHaveValue('The weekly calls, and "straight" answers.');
  await expect(quote.getByRole('radio').first()).toBeChecked();
  await expect(client.getByRole('group', { name: /^1\. How satisfied/ })).toHaveAttribute('aria-invalid', 'true');
  await context.close();
});
