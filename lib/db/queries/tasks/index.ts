// Tasks that earn points between purchases: the queries, in parts by feature.
export { type Task, type Submission, type TaskOffer } from "./shared";
export { listTaskOffers } from "./offers";
export { photoUploadRefusal, submitTask, type SubmitOutcome } from "./submit";
export { moderateSubmission, listReviewQueue, listMemberSubmissions, listApprovedReviews, type ReviewQueueFilter } from "./moderation";
export { canSeePhoto, ownedPhotoKeys } from "./photos";
export { getGamificationFacts, type GamificationFacts } from "./gamification";
