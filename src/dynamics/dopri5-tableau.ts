// The Dormand–Prince 5(4) tableau with Shampine's dense-output coefficients, exactly as in Hairer's dopri5.f
// (Hairer, Nørsett & Wanner, Solving ODEs I, 2nd ed., Table II.5.2 and §II.6; code at www.unige.ch/~hairer/software.html).

export const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
export const A21 = 1 / 5;
export const A31 = 3 / 40, A32 = 9 / 40;
export const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
export const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
export const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
/** Fifth-order weights b_i (= a_7i: the first-same-as-last stage). */
export const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
/** Error coefficients e_i = b_i - bhat_i (difference of the 5th- and 4th-order weights). */
export const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
/** Dense-output coefficients d_i of the 4th-order continuous extension (dopri5.f, Shampine 1986). */
export const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072,
  D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;
