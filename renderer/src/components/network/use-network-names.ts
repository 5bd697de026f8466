/** Names of the network's parts as the user reads them ("Hidden layer 2", "petal_width_cm", "Output unit 1"). */
import { useI18n } from 'vue-i18n';
import { useNetworkStore } from '../../stores/network';
import { useSessionStore } from '../../stores/session';

export function useNetworkNames() {
  const { t } = useI18n();
  const network = useNetworkStore();
  const session = useSessionStore();
  /** Name of dense layer `layer` (0 = first hidden layer; the last is the output). */
  const layerName = (layer: number): string => (
    layer >= network.draft.hidden.length ? t('network.columns.output') : t('network.columns.hidden', { n: layer + 1 })
  );
  const inputName = (i: number): string => {
    const names = session.configured?.inputNames;
    return names && names.length === network.shape.inputs ? (names[i] ?? `x${i + 1}`) : `x${i + 1}`;
  };
  const outputName = (i: number): string | null => {
    const names = session.configured?.outputNames;
    return names && names.length === network.shape.outputs ? (names[i] ?? null) : null;
  };
  /** Unit `unit` of dense layer `layer`, named by its output column for the output layer. */
  const unitName = (layer: number, unit: number): string => {
    const out = layer >= network.draft.hidden.length ? outputName(unit) : null;
    return out ?? t('network.unitName', { layer: layerName(layer), unit: unit + 1 });
  };
  /** The source of weight row `from` into dense layer `layer`: an input or a unit of the layer before. */
  const sourceName = (layer: number, from: number): string => (layer === 0 ? inputName(from) : unitName(layer - 1, from));
  return { layerName, inputName, outputName, unitName, sourceName };
}
