/**
 * The admin dashboard as shop staff meet it: Debian's Chromium driven by
 * playwright-core against the admin bundle the built server serves, logging
 * in with the admin user npm run seed created, then the product list and one
 * product's page. Screenshots go to test-results/e2e/screenshots/.
 *
 * The browser sends X-Forwarded-Proto: https as Railway's edge does: in
 * production Medusa's session cookie is Secure, and express-session only
 * sets it on a request it believes came over HTTPS.
 */
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"
import { PRODUCTS } from "../../src/scripts/lib/catalogue-data"
import { ensureChromium } from "./lib/chromium"
import { REPO, runningShop } from "./lib/shop"

jest.setTimeout(5 * 60 * 1000)

const shop = runningShop()
const SCREENSHOTS = join(shop.artifacts, "screenshots")
const ADMIN_INDEX = join(REPO, ".medusa", "server", "public", "admin", "index.html")

let browser: Browser
let page: Page
const consoleErrors: string[] = []

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const executablePath = ensureChromium()
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking"],
  })
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    extraHTTPHeaders: { "x-forwarded-proto": "https" },
  })
  page = await context.newPage()
  page.on("console", (message) => {
    if (message.type() === "error") {
      consoleErrors.push(message.text())
    }
  })
})

afterAll(async () => {
  await browser?.close()
})

describe("admin dashboard in Chromium", () => {
  it("is served from the built admin bundle", async () => {
    if (!existsSync(ADMIN_INDEX)) {
      throw new Error(`the admin bundle was not built (${ADMIN_INDEX} is missing): run npm run build, which builds it`)
    }
    const response = await page.goto(`${shop.serverUrl}/app/login`)
    expect(response?.status()).toBe(200)
    expect(await response?.text()).toContain('<div id="medusa"')
  })

  it("logs in with the seeded admin user", async () => {
    await page.locator('input[name="email"]').fill(shop.admin.email)
    await page.locator('input[name="password"]').fill(shop.admin.password)
    await screenshot("01-login")
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.startsWith("/app/login"), { timeout: 60_000 })
    expect(new URL(page.url()).pathname).toMatch(/^\/app\/(orders)?/)
    await screenshot("02-after-login")
  })

  it("lists the seeded products", async () => {
    await page.goto(`${shop.serverUrl}/app/products?limit=50`)
    const table = page.locator("table")
    await table.waitFor({ timeout: 60_000 })
    for (const product of PRODUCTS.slice(0, 5)) {
      // waitFor fails after its timeout if the title never shows
      await table.getByText(product.title, { exact: true }).first().waitFor({ state: "visible", timeout: 30_000 })
    }
    expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(Math.min(PRODUCTS.length, 10))
    await screenshot("03-products")
  })

  it("opens one product's page with its variants and SKUs", async () => {
    const product = PRODUCTS[0]
    await page.locator("table").getByText(product.title, { exact: true }).first().click()
    await page.waitForURL(/\/app\/products\/prod_/, { timeout: 60_000 })
    await page.getByRole("heading", { name: product.title }).first().waitFor({ timeout: 60_000 })
    for (const variant of product.variants) {
      await page.getByText(variant.sku, { exact: true }).first().waitFor({ timeout: 30_000 })
    }
    await screenshot("04-product-detail")
    // The admin's own requests all worked: no 4xx/5xx logged by the app.
    expect(consoleErrors.filter((e) => /status of (4|5)\d\d/.test(e))).toEqual([])
  })
})
