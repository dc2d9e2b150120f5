// Journey: a PM starts a project for a new client from the home page and lands on it; the
// project can be archived and reopened.
import { test, expect } from '@playwright/test';
import { hydrated, signIn, withJavaScript } from './helpers';

test('a PM creates a project for a new client, writes its charter and archives it @nojs', async ({ page }) => {
  await signIn(page, 'pm@demo.test');
  if (withJavaScript()) await hydrated(page);
  const name = `Launch ${withJavaScript() ? 'script' : 'plain'}`;
  await page.getByLabel('Client company').fill('Nueva Empresa');
  await page.getByLabel('Project name').fill('');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please fill this in.');

  await page.getByLabel('Client company').fill('Nueva Empresa');
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Nueva Empresa')).toBeVisible();

  // Its welcome page: the charter, written in Markdown and shown rendered.
  await expect(page.getByText("The charter is not written yet. It is the first thing your client reads")).toBeVisible();
  await page.getByText('Edit the charter', { exact: true }).click();
  await page.getByLabel('In scope').fill('- **Landing page** in two languages');
  await page.getByLabel('Response time (hours)').fill('12');
  await page.getByRole('button', { name: 'Save the charter' }).click();
  await expect(page.getByText('We answer within 12 hours, and post an update every 7 days.')).toBeVisible();
  await expect(page.locator('.charter strong')).toHaveText('Landing page');

  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('Archived: the client no longer sees it in their list.')).toBeVisible();
  await page.goto('/');
  await expect(page.locator('.archived')).toContainText(name);
});
