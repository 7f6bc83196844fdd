/**
 * A separate writer process for the concurrency test: creates N products through the services on
 * the database given by URL, as fast as it can. Exit 0 only if every write succeeded.
 */
import { productInput } from './fixtures.js';
import { createServiceContext } from '../../src/services/context.js';
import { operatorActor } from '../../src/services/organizations.js';
import { createProduct } from '../../src/services/products.js';
import { openStore } from '../../src/store/connect.js';

const [url, organizationId, count, tag] = process.argv.slice(2);
const store = openStore(url!);
const ctx = createServiceContext(store);
const actor = operatorActor(organizationId!, `writer-${tag}`);
let failures = 0;
await Promise.all(
  Array.from({ length: Number(count) }, async (_, i) => {
    const result = await createProduct(ctx, actor, productInput({ name: `p-${tag}-${i}` }));
    if (!result.ok) {
      failures += 1;
      console.error(result.error);
    }
  }),
);
await store.close();
process.exit(failures === 0 ? 0 : 1);
