// Storage failures that are not about any one case. Adapters raise these with
// the SDK error as `cause`; nothing above the adapter sees an SDK type.

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The store is overloaded or unreachable; retrying later may work (503). */
export class StoreUnavailable extends StoreError {}

/** The store refused the request or failed in a way a retry will not fix (500). */
export class StoreFailure extends StoreError {}

export class CatalogVersionNotFound extends StoreError {
  constructor(
    readonly version: string,
    options?: { cause?: unknown },
  ) {
    super(`catalog version ${version} is not published`, options);
  }
}

/** A stored catalog does not hash to the version it is filed under. */
export class CatalogIntegrityError extends StoreError {}
