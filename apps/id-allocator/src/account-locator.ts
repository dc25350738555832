// The Account of an account namespace. A namespace holds exactly one Account and keeps it for
// its whole life, so the answer is cached; the caller drops an entry that fails with 404 (a
// namespace deleted and made again), and the next lookup lists afresh.
import type { EpicObjects, ObjectRef } from '@epic/kube';
import type { accountKind } from '@epic/model';

export class AccountLocator {
  private readonly known = new Map<string, ObjectRef>();

  constructor(private readonly accounts: EpicObjects<typeof accountKind>) {}

  async accountOf(namespace: string): Promise<ObjectRef> {
    const cached = this.known.get(namespace);
    if (cached) return cached;
    const [account, ...others] = await this.accounts.list(namespace);
    if (!account || others.length > 0) {
      throw new Error(
        `namespace ${namespace} must hold exactly one Account (found ${others.length + (account ? 1 : 0)}): ` +
          'service IDs come from the Account’s status.current-service-id',
      );
    }
    const ref = { namespace, name: account.metadata.name ?? '' };
    this.known.set(namespace, ref);
    return ref;
  }

  forget(namespace: string): void {
    this.known.delete(namespace);
  }
}
