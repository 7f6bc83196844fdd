/** Every list is paginated: a window (`limit`, `offset`) and the total count of the unwindowed list. */
export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export const pageDefaults = { limit: 50, maxLimit: 500 };
