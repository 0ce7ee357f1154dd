import { entryTags } from "../entry-tags"

const STOREFRONT_PRODUCT_PAGE =
  "/store/products?handle=h&region_id=r&fields=*variants.calculated_price,+variants.inventory_quantity&limit=1&offset=0"

describe("entryTags", () => {
  it("tags a product asked by id with its product", () => {
    expect(entryTags("/store/products/prod_1", { product: { id: "prod_1" } })).toEqual(["all", "product:prod_1"])
  })

  it("tags a product asked by id with the id of the product found, with a query and a trailing slash", () => {
    expect(entryTags("/store/products/prod_1/?fields=*variants", { product: { id: "prod_1" } })).toEqual([
      "all",
      "product:prod_1",
    ])
  })

  it("tags an answer about a product by id that holds no product id as a list", () => {
    expect(entryTags("/store/products/prod_1", {})).toEqual(["all", "lists"])
    expect(entryTags("/store/products/prod_1", { product: {} })).toEqual(["all", "lists"])
    expect(entryTags("/store/products/prod_1", { product: { id: 1 } })).toEqual(["all", "lists"])
    expect(entryTags("/store/products/prod_1", undefined)).toEqual(["all", "lists"])
  })

  it("tags the storefront's product page with the product it found", () => {
    expect(entryTags(STOREFRONT_PRODUCT_PAGE, { products: [{ id: "prod_h" }] })).toEqual(["all", "product:prod_h"])
  })

  it("tags a handle query that found nothing as a list, since a product with that handle may come", () => {
    expect(entryTags(STOREFRONT_PRODUCT_PAGE, { products: [] })).toEqual(["all", "lists"])
  })

  it("tags a query for two handles that found one as a list", () => {
    expect(entryTags("/store/products?handle=a,b", { products: [{ id: "prod_a" }] })).toEqual(["all", "lists"])
    expect(entryTags("/store/products?handle[]=a&handle[]=b", { products: [{ id: "prod_a" }] })).toEqual([
      "all",
      "lists",
    ])
  })

  it("tags a query for two handles that found both with both products", () => {
    expect(entryTags("/store/products?handle=a,b", { products: [{ id: "prod_a" }, { id: "prod_b" }] })).toEqual([
      "all",
      "product:prod_a",
      "product:prod_b",
    ])
  })

  it.each([
    "/store/products?handle=h&category_id=pcat_1",
    "/store/products?handle=h&q=serum",
    "/store/products?handle=h&offset=12",
    "/store/products?handle=h&collection_id=pcol_1",
  ])("tags %s, a handle query with another filter, as a list", (url) => {
    expect(entryTags(url, { products: [{ id: "prod_h" }] })).toEqual(["all", "lists"])
  })

  it.each([
    "/store/products",
    "/store/products?limit=12&offset=0&region_id=r",
    "/store/product-categories",
    "/store/product-categories/pcat_1",
    "/store/collections",
    "/store/regions",
    "/store/regions/reg_1",
  ])("tags %s as a list", (url) => {
    expect(entryTags(url, { products: [{ id: "prod_1" }], product: { id: "prod_1" } })).toEqual(["all", "lists"])
  })

  it("tags a handle query whose body holds no products as a list", () => {
    expect(entryTags("/store/products?handle=h", {})).toEqual(["all", "lists"])
    expect(entryTags("/store/products?handle=h", { products: "prod_h" })).toEqual(["all", "lists"])
    expect(entryTags("/store/products?handle=h", undefined)).toEqual(["all", "lists"])
  })
})
