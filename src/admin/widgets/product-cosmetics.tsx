import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, Input, Label, Text, Textarea } from "@medusajs/ui"
import { useEffect, useState } from "react"

/** The form's fields as text, the way staff type them. */
interface Form {
  ingredients: string
  pao_months: string
  durability_date: string
  nominal_content_amount: string
  nominal_content_unit: string
  responsible_person_name: string
  responsible_person_address: string
  responsible_person_country: string
  product_function: string
  precautions: string
}

const EMPTY: Form = {
  ingredients: "",
  pao_months: "",
  durability_date: "",
  nominal_content_amount: "",
  nominal_content_unit: "ml",
  responsible_person_name: "",
  responsible_person_address: "",
  responsible_person_country: "dk",
  product_function: "",
  precautions: "",
}

type Saved = Record<string, unknown> & { ingredients?: string[] }

function toForm(saved: Saved | null): Form {
  if (!saved) return EMPTY
  const text = (value: unknown) => (value == null ? "" : String(value))
  return {
    ingredients: (saved.ingredients ?? []).join("\n"),
    pao_months: text(saved.pao_months),
    durability_date: text(saved.durability_date).slice(0, 10),
    nominal_content_amount: text(saved.nominal_content_amount),
    nominal_content_unit: text(saved.nominal_content_unit) || "ml",
    responsible_person_name: text(saved.responsible_person_name),
    responsible_person_address: text(saved.responsible_person_address),
    responsible_person_country: text(saved.responsible_person_country),
    product_function: text(saved.product_function),
    precautions: text(saved.precautions),
  }
}

/** The request body: one INCI name per line (names contain commas, e.g. 1,2-HEXANEDIOL). */
function toBody(form: Form) {
  const number = (value: string) => (value.trim() === "" ? null : Number(value.replace(",", ".")))
  return {
    ingredients: form.ingredients
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
    pao_months: number(form.pao_months),
    durability_date: form.durability_date.trim() || null,
    nominal_content_amount: number(form.nominal_content_amount) ?? 0,
    nominal_content_unit: form.nominal_content_unit.trim(),
    responsible_person_name: form.responsible_person_name,
    responsible_person_address: form.responsible_person_address,
    responsible_person_country: form.responsible_person_country.trim(),
    product_function: form.product_function,
    precautions: form.precautions.trim() || null,
  }
}

const FIELDS: Array<{ key: keyof Form; label: string; hint?: string }> = [
  { key: "pao_months", label: "Period after opening (months)", hint: "1-60" },
  { key: "durability_date", label: "Minimum durability date", hint: "yyyy-mm-dd, instead of the period" },
  { key: "nominal_content_amount", label: "Nominal content" },
  { key: "nominal_content_unit", label: "Unit", hint: "ml or g" },
  { key: "responsible_person_name", label: "Responsible person" },
  { key: "responsible_person_address", label: "Responsible person's address" },
  { key: "responsible_person_country", label: "Responsible person's country", hint: "EU, two letters" },
  { key: "product_function", label: "Function" },
  { key: "precautions", label: "Precautions" },
]

/**
 * The product page's cosmetics data (EU Cosmetics Regulation art. 19):
 * INCI list, period after opening or durability date, content, responsible
 * person, function and precautions, saved through
 * POST /admin/products/:id/cosmetics, whose 400 names every problem.
 * Translations of function and precautions are edited under Settings →
 * Translations.
 */
const ProductCosmeticsWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const url = `/admin/products/${product.id}/cosmetics`
  const [form, setForm] = useState<Form>(EMPTY)
  const [message, setMessage] = useState<{ kind: "error" | "saved"; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    fetch(url, { credentials: "include" })
      .then((response) => response.json())
      .then((body: { cosmetics?: Saved | null }) => setForm(toForm(body.cosmetics ?? null)))
      .catch(() => setMessage({ kind: "error", text: "Could not load the cosmetics data" }))
  }, [url])

  const save = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "include",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(toBody(form)),
      })
      const body = await response.json()
      if (!response.ok) {
        setMessage({ kind: "error", text: body.message ?? `Saving failed (${response.status})` })
        return
      }
      setForm(toForm(body.cosmetics))
      setMessage({ kind: "saved", text: "Saved" })
    } finally {
      setBusy(false)
    }
  }

  const field = (key: keyof Form) => ({
    id: `cosmetics-${key}`,
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  })

  return (
    <Container className="divide-y p-0" data-testid="cosmetics-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Cosmetics data</Heading>
        <Button size="small" variant="secondary" onClick={save} isLoading={busy} data-testid="cosmetics-save">
          Save
        </Button>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Label htmlFor="cosmetics-ingredients">Ingredients (INCI names, one per line, in label order)</Label>
        <Textarea rows={8} {...field("ingredients")} />
        {FIELDS.map(({ key, label, hint }) => (
          <div key={key} className="flex flex-col gap-y-1">
            <Label htmlFor={`cosmetics-${key}`}>{label}</Label>
            <Input placeholder={hint} {...field(key)} />
          </div>
        ))}
        {message && (
          <Text
            size="small"
            data-testid="cosmetics-message"
            className={message.kind === "error" ? "text-ui-fg-error" : "text-ui-fg-subtle"}
          >
            {message.text}
          </Text>
        )}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductCosmeticsWidget
