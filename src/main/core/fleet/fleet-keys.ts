/** Every Redis key and group name of the fleet (docs/FLEET.md), under one prefix. */
export function fleetKeys(prefix: string) {
  return {
    payments: `${prefix}payments`,
    results: `${prefix}results`,
    cancels: `${prefix}cancels`,
    orders: (storeId: string) => `${prefix}store:${storeId}:orders`,
    stationsGroup: `${prefix}stations`,
    cancelGroup: (stationId: string) => `cancel:${stationId}`,
    windowGroup: (stationId: string) => `window:${stationId}`,
    claim: (orderNo: string) => `${prefix}claim:${orderNo}`,
    cancel: (orderNo: string) => `${prefix}cancel:${orderNo}`,
    payment: (orderNo: string) => `${prefix}payment:${orderNo}`,
    station: (stationId: string) => `${prefix}station:${stationId}`,
    nonce: (scope: string, nonce: string) => `${prefix}nonce:${scope}:${nonce}`,
  };
}
