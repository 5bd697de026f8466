/**
 * Project files in the desktop app: new, open, open recent, save, save as,
 * recovering autosaved work after a crash, and locating a dataset that moved
 * or changed. Main does the file work; this store asks, then refreshes the
 * page from the engine. In the web edition (`host.projects === null`) there
 * are no project files: the session lives in the browser.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DatasetStatus, MenuCommand, OpenedProject, RecoveryOffer } from '../../../electron/ipc/contract';
import type { ProjectHost, StudioHost } from '../host/studio-host';
import { useAppStore } from './app';
import { useNetworkStore } from './network';
import { useSessionStore } from './session';

export const useProjectStore = defineStore('project', () => {
  const app = useAppStore();
  const session = useSessionStore();
  const network = useNetworkStore();
  const host = ref<StudioHost | null>(null);
  const title = ref<string | null>(null);
  const recovery = ref<RecoveryOffer | null>(null);
  /** The open project's dataset when it is missing or changed. */
  const datasetProblem = ref<Extract<DatasetStatus, { status: 'missing' | 'changed' }> | null>(null);
  /** A different file the user picked for the dataset: used only once they agree. */
  const candidate = ref<{ path: string; message: string } | null>(null);
  const learn = ref<Record<string, unknown>>({});
  /** The open work came from the autosave (the banner says so until dismissed). */
  const recovered = ref(false);

  const projects = (): ProjectHost | null => host.value?.projects ?? null;

  /** Shows an opened project: the engine holds it already; the page re-reads it. */
  async function opened(project: OpenedProject | null): Promise<void> {
    if (!project) return;
    title.value = project.title;
    learn.value = project.learn;
    datasetProblem.value = project.dataset.status === 'missing' || project.dataset.status === 'changed' ? project.dataset : null;
    candidate.value = null;
    await session.refresh();
    await network.sync();
    recovered.value = project.recovered;
  }

  /** Runs a project action, showing its failure with main's message. */
  async function attempt<T>(action: (p: ProjectHost) => Promise<T>): Promise<T | null> {
    const p = projects();
    if (!p) return null;
    try {
      return await action(p);
    } catch (error) {
      app.fail(error);
      return null;
    }
  }

  return {
    title, recovery, datasetProblem, candidate, learn, recovered,
    get available() { return projects() !== null; },
    async init(h: StudioHost) {
      host.value = h;
      if (!h.projects) return;
      h.on('project:opened', (project) => { void opened(project); });
      recovery.value = await attempt((p) => p.recovery());
    },
    async recover(accept: boolean) {
      recovery.value = null;
      await opened(await attempt((p) => p.recover(accept)));
    },
    newProject: async () => opened(await attempt((p) => p.newProject())),
    open: async () => opened(await attempt((p) => p.open())),
    openRecent: async (path: string) => opened(await attempt((p) => p.openRecent(path))),
    save: async () => { const saved = await attempt((p) => p.save(learn.value)); if (saved) title.value = saved.title; },
    saveAs: async () => { const saved = await attempt((p) => p.saveAs(learn.value)); if (saved) title.value = saved.title; },
    async locateDataset() {
      const result = await attempt((p) => p.locateDataset());
      if (!result) return;
      if (result.matches) await opened(result.project);
      else candidate.value = { path: result.path, message: result.message };
    },
    async useCandidate() {
      const chosen = candidate.value;
      if (!chosen) return;
      await opened(await attempt((p) => p.relinkDataset(chosen.path)));
    },
    dismissCandidate() { candidate.value = null; },
    /** The File menu's project commands; false for commands this store does not handle. */
    handleMenu(command: MenuCommand): boolean {
      switch (command.id) {
        case 'file.new': void this.newProject(); return true;
        case 'file.openProject': void this.open(); return true;
        case 'file.openRecent': void this.openRecent(command.path); return true;
        case 'file.save': void this.save(); return true;
        case 'file.saveAs': void this.saveAs(); return true;
        default: return false;
      }
    },
  };
});
