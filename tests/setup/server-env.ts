/** Environment variables the global setup sets (and honours when already set, to use your own servers). */
export const ENV_POSTGRES_URL = 'BACKPLANE_TEST_POSTGRES_URL'
export const ENV_TEMPORAL_ADDRESS = 'BACKPLANE_TEST_TEMPORAL_ADDRESS'
