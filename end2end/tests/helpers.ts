// What every journey needs: signing in as a demo person, waiting for hydration, and axe.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'faro-demo-2026';

/** Whether this run has JavaScript (the `hydrated` project) or not (`no-javascript`). */
export function withJavaScript(): boolean {
  return test.info().project.name === 'hydrated';
}

/** Waits until the WASM bundle has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated]')).toHaveCount(1, { timeout: 15_000 });
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  if (withJavaScript()) await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
}

export async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
}
