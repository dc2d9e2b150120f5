// Journey: a PM copies the built-in check-in, makes it theirs (renamed, a choice question added
// in first place, one question removed), and sends it from a project's feedback page; the client
// finds it waiting and sees the questions as edited. A wrong question is refused naming it,
// and nothing typed is lost, with JavaScript or without (one server: each run its own names).
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, hydrated, signIn, withJavaScript } from './helpers';

test('a PM makes a form template their own and a client answers it @nojs', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const run = withJavaScript() ? 'script' : 'plain';
  const title = `Sprint review (${run})`;
  await signIn(page, 'pm@demo.test');
  await page.goto('/feedback/templates');
  if (withJavaScript()) await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Feedback form templates' })).toBeVisible();
  const builtIn = page.getByRole('region', { name: 'Built-in forms' });
  await builtIn.getByLabel('Form', { exact: true }).selectOption('milestone_check_in');
  await builtIn.getByLabel('Language of the questions').selectOption('en');
  await builtIn.getByRole('button', { name: 'Make a copy' }).click();

  // The copy opens in its editor.
  await expect(page.getByRole('heading', { level: 1, name: 'Milestone check-in' })).toBeVisible();
  await expect(page).toHaveURL(/\/feedback\/templates\/\d+/);
  if (withJavaScript()) {
    await hydrated(page);
    await expectNoSeriousViolations(page);
  }
  await page.getByLabel('Title', { exact: true }).fill(title);
  const third = page.getByRole('group', { name: 'Question 3' });
  await third.getByLabel('Remove this question').check();
  const added = page.getByRole('group', { name: /^New question/ }).first();
  await added.getByLabel('Question', { exact: true }).fill('What helped most?');
  await added.getByLabel('Kind of answer').selectOption({ label: 'One of several choices' });
  await added.getByLabel('Place in the form').fill('1');
  // One choice is not a choice: refused, naming the field, and what was typed stays.
  await added.getByLabel(/^Choices, one per line/).fill('The design');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('alert')).toContainText('Give between 2 and 10 choices, one per line.');
  // (Without JavaScript the page came back from the server, with everything typed in it.)
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
  await expect(page.getByRole('group', { name: 'Question 3' }).getByLabel('Remove this question')).toBeChecked();
  await expect(added.getByLabel('Question', { exact: true })).toHaveValue('What helped most?');
  await expect(added.getByLabel('Kind of answer')).toHaveValue('single');
  await expect(added.getByLabel('Place in the form')).toHaveValue('1');
  await expect(added.getByLabel(/^Choices, one per line/)).toHaveValue('The design');
  await expect(added.getByLabel(/^Choices, one per line/)).toHaveAttribute('aria-invalid', 'true');
  await added.getByLabel(/^Choices, one per line/).fill('The design\nThe communication\nThe deadlines');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Question 1' }).getByLabel('Question', { exact: true })).toHaveValue('What helped most?');
  await expect(page.getByRole('group', { name: 'Question 3' })).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Question 4' })).toHaveCount(0);

  // Listed, and sent from the shop's feedback page.
  await page.getByRole('link', { name: 'All form templates' }).click();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await page.goto('/');
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: 'Feedback', exact: true }).click();
  if (withJavaScript()) await hydrated(page);
  const send = page.getByRole('region', { name: 'Send a form' });
  await send.getByLabel('Form', { exact: true }).selectOption({ label: title });
  await send.getByRole('button', { name: 'Send to the client' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

  const context = await browser.newContext({ javaScriptEnabled: withJavaScript() });
  const client = await context.newPage();
  await signIn(client, 'ana@cliente-uno.test');
  const waiting = client.getByRole('region', { name: 'Forms waiting for you' });
  await waiting.getByRole('link', { name: new RegExp(title.replace(/[()]/g, '\\$&')) }).click();
  await expect(client.getByRole('group', { name: /^1\. What helped most\?/ }).getByLabel('The communication')).toBeVisible();
  await expect(client.getByRole('group', { name: /^2\. How satisfied/ })).toBeVisible();
  await context.close();
});
