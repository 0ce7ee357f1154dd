/** The Danish customer of the checkout tests: a Copenhagen address, shipping and billing alike. */
export const DANISH_ADDRESS = {
  first_name: "Karen",
  last_name: "Jensen",
  address_1: "Vesterbrogade 1",
  postal_code: "1620",
  city: "København V",
  country_code: "dk",
  phone: "+4512345678",
}
