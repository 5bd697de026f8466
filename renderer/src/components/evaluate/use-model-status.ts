/**
 * Whether there is a trained model to evaluate or export, and whether a run
 * is going (the engine refuses to evaluate or export then). "Trained" means
 * the engine has an epoch history (a run now or before a reload) or steps
 * were taken in this session.
 */
import { computed, ref } from 'vue';
import type { SessionValue } from '../../../../core/engine/protocol';
import { useSessionStore } from '../../stores/session';
import { useTrainingStore } from '../../stores/training';

export function useModelStatus() {
  const session = useSessionStore();
  const training = useTrainingStore();
  const engineHistory = ref(0);
  /** Whether the engine's history has been read once (until then, neither results nor the empty state show). */
  const checked = ref(false);

  const hasModel = computed(() => ['model-ready', 'training', 'paused'].includes(session.engineState));
  const running = computed(() => training.status === 'running' || session.engineState === 'training');
  const trained = computed(() => hasModel.value && (
    engineHistory.value > 0 || training.history.length > 0 || training.steps > 0 || training.status !== 'idle'
  ));

  /** Reads the engine's history length (a restored session has trained without this page seeing it). */
  async function check(): Promise<void> {
    try {
      if (!session.connected) return;
      const s = await session.call<SessionValue>({ type: 'get-session' });
      engineHistory.value = s.history.length;
    } catch {
      engineHistory.value = 0;
    } finally {
      checked.value = true;
    }
  }

  return { hasModel, running, trained, checked, check };
}
