/**
 * The admin dashboard as shop staff meet it: Debian's Chromium driven by
 * playwright-core against the admin bundle the built server serves, logging
 * in with the admin user npm run seed created, then the product list, one
 * product's page, a picture uploaded to that product through the media
 * editor into the bucket, and its cosmetics data edited in the product
 * page's widget. Screenshots go to test-results/e2e/screenshots/.
 *
 * The browser sends X-Forwarded-Proto: https as Railway's edge does: in
 * production Medusa's session cookie is Secure, and express-session only
 * sets it on a request it believes came over HTTPS.
 */
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { chromium, type Browser, type Locator, type Page } from "playwright-core"
import { PRODUCTS } from "../../src/scripts/lib/catalogue-data"
import { productImageUrls, solidPng } from "./lib/admin-media"
import { ensureChromium } from "./lib/chromium"
import { REPO, runningShop } from "./lib/shop"

jest.setTimeout(5 * 60 * 1000)

const shop = runningShop()
const SCREENSHOTS = join(shop.artifacts, "screenshots")
const ADMIN_INDEX = join(REPO, ".medusa", "server", "public", "admin", "index.html")

let browser: Browser
let page: Page
const consoleErrors: string[] = []
/** 4xx/5xx responses the admin app logged: every request it made worked if there are none. */
const failedRequests = () => consoleErrors.filter((e) => /status of (4|5)\d\d/.test(e))

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Waits until a locator matches exactly `count` elements. */
async function expectCount(locator: Locator, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while ((await locator.count()) !== count) {
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} elements, found ${await locator.count()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
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
    expect(failedRequests()).toEqual([])
  })

  it("uploads a picture to that product into the bucket", async () => {
    const productId = /\/app\/products\/(prod_[^/?#]+)/.exec(page.url())?.[1]
    if (!productId) {
      throw new Error(`not on a product's page: ${page.url()}`)
    }
    const bucketUrl = shop.env.S3_FILE_URL
    expect(bucketUrl).toMatch(/^http/)
    const before = await productImageUrls(shop.serverUrl, shop.admin, productId)
    // A colour and name of its own, so nothing seeded can pass for it.
    const picture = solidPng(64, 64, [214, 51, 132])
    const stem = `staff-upload-${Date.now()}`

    // Media section -> its action menu -> "Edit images" opens the media editor.
    const media = page.getByRole("heading", { level: 2, name: "Media", exact: true }).locator("..")
    await media.getByRole("button").click()
    await page.getByRole("menuitem", { name: "Edit images" }).click()
    await page.waitForURL(/\/media\?view=edit/, { timeout: 30_000 })
    const editor = page.getByRole("dialog")
    const gridImages = editor.locator("img")
    await editor.getByRole("button", { name: /^Upload images/ }).waitFor({ timeout: 30_000 })
    const shownBefore = await gridImages.count()

    // The dropzone opens the file chooser, where a person picks the file.
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      editor.getByRole("button", { name: /^Upload images/ }).click(),
    ])
    await chooser.setFiles({ name: `${stem}.png`, mimeType: "image/png", buffer: picture })
    await expectCount(gridImages, shownBefore + 1)
    await screenshot("05-media-upload")

    const uploaded = page.waitForResponse((r) => r.url().endsWith("/admin/uploads") && r.request().method() === "POST")
    const saved = page.waitForResponse(
      (r) => r.url().includes(`/admin/products/${productId}`) && r.request().method() === "POST"
    )
    await editor.getByRole("button", { name: "Save", exact: true }).click()
    expect((await uploaded).status()).toBe(200)
    expect((await saved).status()).toBe(200)
    await page.getByText("Media was successfully updated.").first().waitFor({ timeout: 30_000 })
    await page.waitForURL((url) => url.pathname === `/app/products/${productId}`, { timeout: 30_000 })

    // The product page shows the picture, served from the bucket.
    const shown = media.locator("xpath=..").locator(`img[src^="${bucketUrl}/"][src*="${stem}"]`)
    await shown.first().waitFor({ state: "visible", timeout: 30_000 })
    expect(await shown.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64)
    await screenshot("06-product-with-image")

    // The Admin API lists it under the bucket URL, and the bucket holds exactly the uploaded bytes.
    const after = await productImageUrls(shop.serverUrl, shop.admin, productId)
    const added = after.filter((url) => !before.includes(url))
    expect(added).toHaveLength(1)
    expect(added[0].startsWith(`${bucketUrl}/`)).toBe(true)
    expect(added[0]).toContain(stem)
    expect(after).toEqual(expect.arrayContaining(before))
    expect(await shown.first().getAttribute("src")).toBe(added[0])
    const response = await fetch(added[0])
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("image/png")
    expect(Buffer.from(await response.arrayBuffer()).equals(picture)).toBe(true)
    expect(failedRequests()).toEqual([])
  })

  it("edits that product's INCI list in the cosmetics section, and the Store API shows it", async () => {
    const product = PRODUCTS[0]
    const widget = page.getByTestId("cosmetics-widget")
    const ingredients = widget.locator("#cosmetics-ingredients")
    await widget.waitFor({ state: "visible", timeout: 30_000 })
    // The seeded list, one INCI name per line.
    await page.waitForFunction(
      (expected) =>
        (document.querySelector("#cosmetics-ingredients") as HTMLTextAreaElement | null)?.value === expected,
      product.cosmetics.ingredients.join("\n"),
      { timeout: 30_000 }
    )
    const edited = [...product.cosmetics.ingredients, `TOCOPHEROL`]
    await ingredients.fill(edited.join("\n"))
    await screenshot("07-cosmetics-edit")

    const saved = page.waitForResponse((r) => r.url().endsWith("/cosmetics") && r.request().method() === "POST")
    await widget.getByTestId("cosmetics-save").click()
    expect((await saved).status()).toBe(200)
    await widget.getByTestId("cosmetics-message").getByText("Saved", { exact: true }).waitFor({ timeout: 30_000 })
    await screenshot("08-cosmetics-saved")

    // The storefront's view of it: the cache is emptied by the save, so within seconds.
    const storeIngredients = async () => {
      const answer = await fetch(`${shop.serverUrl}/store/products?handle=${product.handle}&fields=+cosmetics.*`, {
        headers: { "x-publishable-api-key": shop.publishableKey },
      })
      return ((await answer.json()).products[0].cosmetics?.ingredients ?? []) as string[]
    }
    const deadline = Date.now() + 10_000
    let shown = await storeIngredients()
    while (shown.length !== edited.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      shown = await storeIngredients()
    }
    expect(shown).toEqual(edited)

    // A refused save shows the server's message and changes nothing.
    await ingredients.fill("AQUA\n<b>GLYCERIN</b>")
    const refused = page.waitForResponse((r) => r.url().endsWith("/cosmetics") && r.request().method() === "POST")
    await widget.getByTestId("cosmetics-save").click()
    expect((await refused).status()).toBe(400)
    await widget
      .getByTestId("cosmetics-message")
      .getByText(/is not an INCI name/)
      .waitFor({ timeout: 30_000 })
    await screenshot("09-cosmetics-refused")
    expect(await storeIngredients()).toEqual(edited)
  })
})
