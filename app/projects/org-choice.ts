/** An organization the signed-in user can create projects in (the dashboard's "in" selector). */
export interface OrgChoice {
  id: string
  name: string
  personal: boolean
}
