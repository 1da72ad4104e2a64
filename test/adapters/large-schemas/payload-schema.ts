/**
 * The PostgreSQL tables Payload CMS builds with drizzle for a project that
 * wires two of its published plugins (ecommerce and form builder) beside a
 * users collection: Payload's own adapter (`@payloadcms/db-postgres`) turns
 * the collections the plugins declare, with their arrays, blocks, versions
 * and relationships, into `pgTable`s and `pgEnum`s. Payload starts without
 * connecting to a database, so nothing here runs SQL.
 *
 * Example:
 *   const schema = await payloadDrizzleSchema();
 *   fromDrizzle(schema); // 40 tables, 11 enums
 */
import { postgresAdapter } from "@payloadcms/db-postgres";
import { ecommercePlugin } from "@payloadcms/plugin-ecommerce";
import { formBuilderPlugin } from "@payloadcms/plugin-form-builder";
import { buildConfig, getPayload } from "payload";

/** Whether a request comes from a signed-in user. */
const signedIn = ({ req }: { req: { user?: unknown } }): boolean => req.user != null;

/**
 * The drizzle schema (tables, enums, relations) Payload's PostgreSQL adapter
 * holds once initialised. Payload keeps one instance per process, so a
 * second call returns the same schema.
 */
export async function payloadDrizzleSchema(): Promise<Record<string, unknown>> {
  const config = await buildConfig({
    secret: "not-a-secret",
    telemetry: false,
    typescript: { autoGenerate: false },
    logger: { options: { level: "silent" } },
    // The form builder declares rich-text fields, which Payload requires an
    // editor for. The editor shapes the admin screens only: the adapter stores
    // a rich-text field as `jsonb` whatever the editor, so an empty one stands
    // in for `@payloadcms/richtext-lexical` and its React dependencies.
    editor: {} as never,
    collections: [{ slug: "users", auth: true, fields: [] }],
    // Never connected to: Payload only builds the schema here.
    db: postgresAdapter({ pool: { connectionString: "postgres://127.0.0.1:1/unused" } }),
    plugins: [
      ecommercePlugin({
        products: true,
        customers: { slug: "users" },
        // Access rules decide who may read or write at run time; they shape no table.
        access: { isAdmin: signedIn, adminOnlyFieldAccess: signedIn, adminOrPublishedStatus: signedIn, isDocumentOwner: signedIn },
      }),
      formBuilderPlugin({}),
    ],
  });
  const payload = await getPayload({ config, disableDBConnect: true, disableOnInit: true, cron: false });
  return (payload.db as unknown as { schema: Record<string, unknown> }).schema;
}
