/** The screens of a session, as the specs open them. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The room's big screen. */
export const PROJECTOR = { viewport: { width: 1920, height: 1080 } };
/** The moderator's, rapporteur's or admin's laptop. */
export const DESK = { viewport: { width: 1440, height: 900 } };
