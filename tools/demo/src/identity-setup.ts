// The apps' identities on the apiserver (app-identities.ts): the RBAC rendered from deploy/ and
// applied, a wait until the authorizer grants it, then a ServiceAccount token per app (the
// TokenRequest API, as a kubelet gets one for a pod) in a kubeconfig of its own, readable only
// by the user running the demo. `--down` deletes the same rendered objects.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  applyObjects,
  deleteObjects,
  grantText,
  isAllowed,
  render,
  type AccessQuestion,
  type KubeObject,
} from '@epic/manifests';
import { appNames, type AppName } from './app-processes.js';
import { appIdentity, grantProbe, rbacOverlay, type AppIdentity } from './app-identities.js';
import type { DemoPlan } from './demo-plan.js';
import { DemoError } from './demo-error.js';
import { stackDir } from './stack.js';

export interface AppCredentials {
  identity: AppIdentity;
  /** A kubeconfig holding the app's ServiceAccount token (mode 0600). */
  kubeconfig: string;
}

interface IdentityContext {
  repoRoot: string;
  stateDir: string;
  plan: DemoPlan;
}

/** A week: the demo's apps run until `--down`; running `npm run demo` again renews them. */
export const tokenSeconds = 7 * 24 * 3600;
const fieldManager = 'epic-demo';

/** The RBAC of every app as the demo installs it (rendered by the stack's kubectl kustomize). */
export async function renderRbac(ctx: IdentityContext): Promise<KubeObject[]> {
  const dir = join(ctx.stateDir, 'rbac');
  await mkdir(dir, { recursive: true });
  const deploy = join(ctx.repoRoot, 'deploy');
  await copyFile(join(deploy, 'webhooks', 'rbac.yaml'), join(dir, 'admission-rbac.yaml'));
  const overlay = rbacOverlay(ctx.plan, {
    rbacDir: relative(dir, join(deploy, 'kustomize', 'rbac')),
    admissionFile: 'admission-rbac.yaml',
  });
  await writeFile(join(dir, 'kustomization.yaml'), overlay);
  return render(dir, join(stackDir(ctx.repoRoot), 'bin', 'kubectl'));
}

async function waitGranted(kc: KubeConfig, q: AccessQuestion, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isAllowed(kc, q))) {
    if (Date.now() > deadline) {
      throw new DemoError(
        `ServiceAccount ${q.account.namespace}/${q.account.name} still may not ` +
          `${grantText(q.grant)} ${timeoutMs / 1000} s after its RBAC was applied`,
      );
    }
    await sleep(200);
  }
}

async function writeKubeconfig(kc: KubeConfig, file: string, user: string, token: string) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new DemoError('the stack kubeconfig names no current cluster');
  const own = new KubeConfig();
  own.loadFromOptions({
    clusters: [cluster],
    users: [{ name: user, token }],
    contexts: [{ name: user, cluster: cluster.name, user }],
    currentContext: user,
  });
  await writeFile(file, own.exportConfig(), { mode: 0o600 });
}

async function credentialsFor(kc: KubeConfig, dir: string, identity: AppIdentity, app: AppName) {
  const token = await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    namespace: identity.namespace,
    name: identity.serviceAccount,
    body: { spec: { audiences: [], expirationSeconds: tokenSeconds } },
  });
  const value = token.status?.token;
  if (!value) throw new DemoError(`no token was issued for ${identity.username}`);
  const kubeconfig = join(dir, `${app}.kubeconfig`);
  await writeKubeconfig(kc, kubeconfig, identity.username, value);
  return { identity, kubeconfig };
}

/** Installs every app's RBAC and returns each app's own credentials. */
export async function installIdentities(
  kc: KubeConfig,
  ctx: IdentityContext,
): Promise<Record<AppName, AppCredentials>> {
  const objects = await renderRbac(ctx);
  await applyObjects(kc, objects, { dryRun: false, fieldManager });
  const dir = join(ctx.stateDir, 'identities');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const entries = await Promise.all(
    appNames.map(async (app) => {
      const identity = appIdentity(ctx.plan, app);
      await waitGranted(kc, grantProbe(objects, identity));
      return [app, await credentialsFor(kc, dir, identity, app)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<AppName, AppCredentials>;
}

/** Deletes the RBAC the demo installed; returns how many objects (none left is an error). */
export async function removeIdentities(kc: KubeConfig, ctx: IdentityContext): Promise<number> {
  const objects = await renderRbac(ctx);
  const left = await deleteObjects(kc, [...objects].reverse());
  if (left.length > 0) {
    throw new DemoError(`could not delete the apps' RBAC:\n  ${left.join('\n  ')}`);
  }
  return objects.length;
}
