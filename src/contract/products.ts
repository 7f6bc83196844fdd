import { z } from 'zod';
import { connectivityKinds, deviceClasses, productLimits, useEnvironments } from '../core/domain/product.js';
import { ArchivedQuery, Id, IsoDateTime, PageQuery } from './common.js';

export const DeviceClass = z.enum(deviceClasses).describe('JP device class (PMD Act): I–IV');
export const UseEnvironment = z.enum(useEnvironments);
export const Connectivity = z.enum(connectivityKinds);

const fields = {
  name: z.string().min(1).max(productLimits.name),
  modelNumbers: z
    .array(z.string().min(1).max(productLimits.modelNumber))
    .max(productLimits.modelNumbers)
    .describe('Model and catalogue numbers'),
  manufacturer: z.string().min(1).max(productLimits.manufacturer),
  deviceClass: DeviceClass.nullable(),
  isSamd: z.boolean().describe('Software as a medical device'),
  useEnvironments: z.array(UseEnvironment).max(useEnvironments.length),
  connectivity: z.array(Connectivity).max(connectivityKinds.length),
  description: z.string().max(productLimits.description).describe('Intended use and other notes'),
};

export const Product = z
  .object({
    id: Id,
    organizationId: Id,
    ...fields,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    archivedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Product' });

export const ProductCreate = z.object({
  ...fields,
  modelNumbers: fields.modelNumbers.default([]),
  deviceClass: fields.deviceClass.default(null),
  isSamd: fields.isSamd.default(false),
  useEnvironments: fields.useEnvironments.default([]),
  connectivity: fields.connectivity.default([]),
  description: fields.description.default(''),
});

export const ProductPatch = z.object(fields).partial();

export const ProductListQuery = PageQuery.extend({
  archived: ArchivedQuery,
  q: z.string().max(200).optional().describe('Search in name, manufacturer and model numbers'),
});
