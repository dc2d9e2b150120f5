// Journey: a PM starts a project for a new client from the home page and lands on it; the
// project can be archived and reopened.
import { test, expect } from '@playwright/test';
import { hydrated, signIn, withJavaScript } from './helpers';

test('a PM creates a project for a new client and lands on it @nojs', async ({ page }) => {
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

  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('Archived: the client no longer sees it in their list.')).toBeVisible();
  await page.goto('/');
  await expect(page.locator('.archived')).toContainText(name);
});
