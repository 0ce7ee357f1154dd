import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261207192356 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "cosmetic_label" ("id" text not null, "ingredients" text[] not null, "pao_months" integer null, "durability_date" timestamptz null, "nominal_content_amount" real not null, "nominal_content_unit" text check ("nominal_content_unit" in ('ml', 'g')) not null, "responsible_person_name" text not null, "responsible_person_address" text not null, "responsible_person_country" text not null, "precautions" text null, "product_function" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "cosmetic_label_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_cosmetic_label_deleted_at" ON "cosmetic_label" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cosmetic_label" cascade;`)
  }
}
