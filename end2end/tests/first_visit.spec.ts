// A first visit: the page links the files of its own code, so the browser fetches them beside
// the main bundle instead of discovering them once the main bundle has run (a second round of
// requests on a slow phone). Leptos' own links were missing from about every other page.
import { test, expect } from '@playwright/test';
import { hydrated, signIn } from './helpers';

test('the board links its own code on every load, and the browser fetches it from the link', async ({ page }) => {
  await signIn(page, 'ana@cliente-uno.test');
  await page.getByRole('link', { name: 'Tienda online' }).click();
  await page.getByRole('link', { name: 'Board', exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/\d+\/board$/);
  const board = new URL(page.url()).pathname;

  for (let load = 0; load < 6; load++) {
    const html = await (await page.request.get(board)).text();
    const preloads = [...html.matchAll(/<link[^>]*rel="preload"[^>]*>/g)].map((m) => m[0]);
    const hrefs = preloads.map((link) => /href="([^"]*)"/.exec(link)?.[1]);
    expect(hrefs.filter((href) => href?.includes('split___board_view_')), `load ${load + 1}`).toHaveLength(1);
    expect(new Set(hrefs).size, 'no file linked twice').toBe(hrefs.length);
    const loader = [...html.matchAll(/<link[^>]*>/g)]
      .map((m) => m[0])
      .filter((link) => link.includes('rel="modulepreload"') && /href="[^"]*\/__wasm_split\.[^"]*\.js"/.test(link));
    expect(loader, 'the loader of split files, once').toHaveLength(1);
  }

  await page.reload();
  await hydrated(page);
  const fetchedBy = await page.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((entry) => entry.name.includes('split___board_view_'))
      .map((entry) => (entry as PerformanceResourceTiming).initiatorType));
  expect(fetchedBy).toEqual(['link']);
});
