import { amountOf, emailLanguage, renderOrderConfirmation, type ConfirmationOrder } from "../order-confirmation-email"

const order: ConfirmationOrder = {
  id: "order_01",
  display_id: 1042,
  email: "karen@example.dk",
  currency_code: "dkk",
  total: 448,
  // Items only: Medusa's `subtotal` (448 here) includes shipping, so the email uses item_total.
  item_total: 399,
  shipping_total: 49,
  tax_total: 89.6,
  items: [
    { product_title: "Hyaluron Serum", variant_title: "30 ml", quantity: 1, total: 249 },
    { title: "Læbepomade <Rosé>", product_title: null, variant_title: null, quantity: 2, total: 150 },
  ],
  shipping_address: {
    first_name: "Karen",
    last_name: "Jensen",
    address_1: "Vesterbrogade 1",
    postal_code: "1620",
    city: "København V",
    country_code: "dk",
  },
  shipping_methods: [{ name: "Standard" }],
}

describe("renderOrderConfirmation", () => {
  const email = renderOrderConfirmation(order)
  // Intl separates amount and currency with a no-break space; compare with plain spaces.
  const plain = (text: string) => text.replace(/\u00a0/g, " ")

  it("names the order by its display number in the subject", () => {
    expect(email.subject).toBe("Tak for din ordre #1042")
  })

  it("lists each line with quantity, title, variant and Danish-formatted amount", () => {
    expect(plain(email.text)).toContain("1 × Hyaluron Serum (30 ml): 249,00 kr.")
    expect(plain(email.text)).toContain("2 × Læbepomade <Rosé>: 150,00 kr.")
    expect(plain(email.text)).toContain("Varer: 399,00 kr.\nFragt (Standard): 49,00 kr.")
    expect(plain(email.text)).toContain("I alt: 448,00 kr.")
    expect(email.text).toContain("Vesterbrogade 1\n1620 København V\nDK")
  })

  it("escapes customer-controlled text in the HTML", () => {
    expect(email.html).toContain("Læbepomade &lt;Rosé&gt;")
    expect(email.html).not.toContain("<Rosé>")
  })

  it("shows a discount only when there is one", () => {
    expect(email.text).not.toContain("rabat")
    expect(plain(renderOrderConfirmation({ ...order, discount_total: 50 }).text)).toContain("Heraf rabat: -50,00 kr.")
  })

  it("formats euro orders in euros", () => {
    expect(plain(renderOrderConfirmation({ ...order, currency_code: "eur", total: 19.9 }).text)).toContain(
      "I alt: 19,90 €"
    )
  })

  it("falls back to the order id and a plain greeting when data is missing", () => {
    const bare = renderOrderConfirmation({ id: "order_02", currency_code: "dkk" })
    expect(bare.subject).toBe("Tak for din ordre order_02")
    expect(bare.text.startsWith("Hej,\n")).toBe(true)
  })
})

describe("renderOrderConfirmation for an English cart", () => {
  const english = renderOrderConfirmation({
    ...order,
    locale: "en-GB",
    items: [{ product_title: "Hyaluronic Serum", variant_title: "30 ml", quantity: 1, total: 249 }],
    shipping_methods: [{ name: "Standard delivery" }],
  })
  const plain = (text: string) => text.replace(/\u00a0/g, " ")

  it("writes subject, greeting and every label in English, with English-formatted amounts", () => {
    expect(english.subject).toBe("Thank you for your order #1042")
    expect(plain(english.text)).toBe(
      [
        "Hi Karen,",
        "",
        "Thank you for your order #1042. We are packing it as soon as we can.",
        "",
        "1 × Hyaluronic Serum (30 ml): DKK 249.00",
        "",
        "Items: DKK 399.00",
        "Shipping (Standard delivery): DKK 49.00",
        "Of which VAT: DKK 89.60",
        "Total: DKK 448.00",
        "",
        "Delivered to:",
        "Karen Jensen",
        "Vesterbrogade 1",
        "1620 København V",
        "DK",
        "",
        "Kind regards",
        "Beauty Shop",
      ].join("\n")
    )
    expect(english.html).toContain("<p>Delivered to:<br>Karen Jensen")
    expect(english.html).not.toMatch(/Tak|Varer|moms|Hej/)
  })

  it("carries the same content as the Danish email: one line per item and per total", () => {
    const danish = renderOrderConfirmation(order)
    const lineCount = (text: string) => text.split("\n").filter((line) => line.includes(":")).length
    expect(lineCount(english.text)).toBe(lineCount(danish.text) - 1) // the Danish order has two items
    expect(english.html.split("<tr>").length).toBe(danish.html.split("<tr>").length - 1)
  })
})

describe("emailLanguage", () => {
  it.each([
    ["en-GB", "en"],
    ["en-us", "en"],
    ["en", "en"],
    ["da-DK", "da"],
    ["de-DE", "da"],
    ["", "da"],
    [null, "da"],
    [undefined, "da"],
    ["english", "da"],
  ])("reads %p as %p", (locale, language) => {
    expect(emailLanguage(locale)).toBe(language)
  })
})

describe("amountOf", () => {
  it("reads numbers, numeric strings and BigNumber-like objects", () => {
    expect(amountOf(12.5)).toBe(12.5)
    expect(amountOf("7")).toBe(7)
    expect(amountOf({ numeric: 3 })).toBe(3)
    expect(amountOf({ toJSON: () => "4.25" })).toBe(4.25)
    expect(amountOf(undefined)).toBe(0)
  })
})
