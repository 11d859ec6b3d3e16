export const module = true;
