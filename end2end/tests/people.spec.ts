// Journey: an owner hands a forgotten-password link to a client, who chooses a new password
// in their own browser and is signed in. (Hydrated only: the no-JavaScript run would race it
// for the same person's link.)
import { test, expect } from '@playwright/test';
import { hydrated, signIn } from './helpers';

test('an owner makes a password link for a client, who chooses a new password', async ({ page, browser }) => {
  await signIn(page, 'owner@demo.test');
  await page.getByRole('link', { name: 'People' }).click();
  await hydrated(page);
  const ben = page.getByRole('row').filter({ hasText: 'Ben Carter' });
  await expect(ben).toContainText('Client Two Ltd');
  await ben.getByRole('button', { name: 'Password link' }).click();
  await expect(page.getByText(/^Send this link to Ben Carter\./)).toBeVisible();
  const url = await page.getByLabel('Password reset link').inputValue();
  expect(url).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);

  const context = await browser.newContext();
  const client = await context.newPage();
  await client.goto(url);
  await expect(client.getByText('For Ben Carter (ben@client-two.test).')).toBeVisible();
  await hydrated(client);
  await client.getByLabel('New password').fill('bens new long password');
  await client.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(client.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(client.locator('.project-list').getByRole('listitem').filter({ hasText: 'Brand refresh' })).toBeVisible();
  await context.close();
});
